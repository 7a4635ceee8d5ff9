{ hex = 0x10, exponent = 1e3, signed = +7, negative = -7, double = 1.50 }
