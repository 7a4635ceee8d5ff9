{ script = "#!/bin/sh\nset -eu\necho \"hello ${"world"}\"\n", indented = "  two\n  spaces\n", quotes = "it's ''quoted'' and ends with '", short = "no newline" }
