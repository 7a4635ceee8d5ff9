{ script =
    ''
    #!/bin/sh
    set -eu
    echo "hello ${"world"}"
    ''
, indented =
    ''
      two
      spaces
    ''
, quotes = "it's ''quoted'' and ends with '"
, short = "no newline"
}
