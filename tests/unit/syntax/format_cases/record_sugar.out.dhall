let x = 1 let y = 2 in { x, a.b.c = y, k.l = 1, k.m = 2, z = x@1 }
