#pragma once
// How Dhall spells its constants and literals, written once: the parser,
// the printer, the binary codec, the type checker, the `show` builtins and
// the renderer use these, so their spellings cannot drift apart.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "syntax/expr.h"
#include "syntax/number.h"

namespace polar::dhall {

// "Type", "Kind", "Sort".
std::string_view const_name(Const value);
std::optional<Const> const_from_name(std::string_view name);

// A finite, non-zero double as the shortest decimal digits that read back
// as it: ±0.d₁d₂…dₙ × 10^point.
struct DecimalDigits {
  bool negative = false;
  std::string digits; // no leading or trailing zeros
  int point = 0;
};
DecimalDigits shortest_digits(double value);

// `Double/show` (standard/semantics): Haskell's `show`, positional when
// 0.1 <= |x| < 10^7 and `d.ddde±n` otherwise, always with a fraction.
std::string show_double(double value);
// How the printer writes a Double literal: positional for everyday
// magnitudes (1e-4 <= |x| < 1e16), else `1.5e-7`, `1e100`.
std::string double_literal(double value);

// How a `$` is escaped in a double-quoted literal: `Text/show` always writes
// `\u0024`; the printer escapes only the `${` that would interpolate, and
// the formatter every `$` as `\$` (as `dhall format` does).
enum class DollarEscape : std::uint8_t { always_unicode, before_brace, always_backslash };
// The contents of a double-quoted Text literal: `"` and `\` escaped, the
// control characters as \b \f \n \r \t or \uXXXX, everything else as is.
std::string escape_text(std::string_view text, DollarEscape dollar);
// `Text/show`: the literal, quotes included.
std::string show_text(std::string_view text);

// `YYYY-MM-DD`, `hh:mm:ss[.fff]` (seconds = second_fraction / 10^precision,
// with exactly `precision` fractional digits) and `±hh:mm`, as Dhall, the
// `show` builtins and ISO 8601 renderings all write them.
std::string date_literal(unsigned year, unsigned month, unsigned day);
std::string time_literal(unsigned hour, unsigned minute, const Natural& second_fraction,
                         std::uint32_t precision);
std::string time_zone_literal(int minutes);

} // namespace polar::dhall
