#pragma once
// Double-quoted string literals for JSON and YAML.
#include <string>
#include <string_view>

namespace polar::render {

// Appends `text` (UTF-8) as a JSON string literal, escaped as aeson escapes
// it: \" \\ \n \r \t, \u00XX for the other control characters below U+0020,
// everything else as is.
void append_json_string(std::string& out, std::string_view text);

// Appends `text` as a YAML double-quoted scalar: the JSON escapes, plus a \u
// escape for every character YAML forbids unescaped (DEL, C1 controls,
// U+FFFE, U+FFFF) or that some YAML reader takes for a line break or byte
// order mark (U+0085, U+2028, U+2029, U+FEFF). Every YAML 1.1 and 1.2 reader
// reads the result back as exactly `text`.
void append_yaml_double_quoted(std::string& out, std::string_view text);

// Can `code_point` appear unescaped inside a YAML scalar, in a literal block
// included? False for the characters append_yaml_double_quoted escapes.
bool yaml_writes_verbatim(char32_t code_point);

} // namespace polar::render
