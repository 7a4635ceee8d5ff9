-- Strings that YAML 1.1 readers (Helm, Kubernetes) take for something else,
-- and strings that stress quoting, escaping and block scalars.
[ "yes", "Yes", "YES", "no", "No", "on", "On", "off", "OFF", "y", "Y", "n", "N"
, "true", "False", "TRUE", "~", "null", "Null", "NULL", ""
, "1e3", "1E3", "1.5", ".5", "+1", "-1", "0x1F", "0o17", "0b101", "012", "1_000"
, "190:20:30", "1:30", "2001-12-14", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 -5"
, ".inf", "-.Inf", ".NaN", "=", "<<"
, " ", "a: b", "a:", ":a", "a #b", "#hash", "-", "- a", "? q", "[a]", "{a: b}", "*alias", "&anchor"
, "!tag", "%percent", "@at", "`tick", "'", "\"", "|", ">", "...", "---", "--- x"
, "tab\there", "  leading", "trailing  ", "multi\nline\n", "no final\nnewline", "kept\n\n\n"
, "  indented first\nline\n", "\n  after a blank\n", "# not a comment\n"
, "é ünïcödé 😀", "\u2028", "\u0085", "\uFEFF", "\u007F", "\u0001", "windows\r\nline\r\n"
]
