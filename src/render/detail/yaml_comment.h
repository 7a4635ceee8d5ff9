#pragma once
// A Dhall file's header comment as a YAML comment (--preserve-header).
#include <string>
#include <string_view>

namespace polar::render {

// `header` (syntax/header.h) as YAML comment lines, as dhall-to-yaml
// 1.7.11 writes it (dhall-haskell#2410): each line gets a `#` in front, and a
// line comment's `--` becomes that `#` ("-- a" -> "# a", "{- b" -> "#{- b",
// "" -> "#"); each line ends with a line break, CRLF as LF. Characters a YAML
// reader would take for a line break or rejects (U+0085, U+2028, DEL, C1
// controls, ...) are written as `\uXXXX` text, so the comment stays one
// comment. Empty for an empty header.
std::string yaml_comment_from_dhall_header(std::string_view header);

} // namespace polar::render
