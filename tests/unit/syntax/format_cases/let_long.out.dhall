let greeting =
      "a fairly long text value that will not fit on the line with the rest"

let count
    : Natural
    = 3

in  { greeting, count }
