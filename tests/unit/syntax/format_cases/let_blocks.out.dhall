let a = 1

in  let b = 2

    in  [ a, b, "a text long enough to push everything past eighty columns" ]
