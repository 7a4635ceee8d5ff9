let a = 1   let b = 2 in a + b
