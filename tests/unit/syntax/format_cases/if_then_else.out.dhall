\(n : Natural) ->
  if    Natural/isZero n
  then  "zero, and this text is long enough to break the line"
  else  if Natural/even n
  then  "even"
  else  "odd"
