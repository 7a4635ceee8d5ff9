#pragma once
// The backslash escapes that double-quoted Text literals and quoted
// environment variable names (`env:"A B"`) share; each adds its own
// (`\$` and `\uXXXX` for Text, `\a` and `\v` for names).
#include <optional>
#include <string_view>

namespace polar::dhall {

// `\"`, `\\`, `\b`, `\f`, `\n`, `\r` or `\t` for those characters, else
// nullopt.
std::optional<std::string_view> shared_escape(char c);

} // namespace polar::dhall
