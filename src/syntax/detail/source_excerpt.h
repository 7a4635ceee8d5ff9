#pragma once
// The source line under a diagnostic, safe to print on a terminal: a line
// of a generated file can be megabytes long and hold any byte.
#include <cstddef>
#include <string>
#include <string_view>

namespace polar::dhall {

// The widest excerpt shown, in columns; longer lines are cut around the
// caret and the cuts marked with "...".
inline constexpr std::size_t excerpt_width = 100;

// The line of `text` that holds byte `begin`, then a caret (`^~~`) under the
// bytes [begin, end) of it, each line indented by four spaces and ended by
// a newline. Control characters (but tab, shown as a space), C1 controls and
// bytes that are not UTF-8 appear as `\xNN`, so the excerpt never moves the
// cursor or changes the terminal's state, and the caret stays under them.
std::string source_excerpt(std::string_view text, std::size_t begin, std::size_t end);

} // namespace polar::dhall
