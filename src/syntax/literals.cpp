#include "syntax/literals.h"

#include <charconv>
#include <cmath>
#include <cstdlib>

#include "syntax/detail/escapes.h"

namespace polar::dhall {
namespace {

std::string two_digits(unsigned value) {
  std::string result(2, '0');
  result[0] = static_cast<char>('0' + value / 10 % 10);
  result[1] = static_cast<char>('0' + value % 10);
  return result;
}

std::string four_digits(unsigned value) {
  std::string result = std::to_string(value);
  return result.size() < 4 ? std::string(4 - result.size(), '0') + result : result;
}

// NaN and the infinities, spelled alike everywhere; nullopt for the rest.
std::optional<std::string> special_double(double value) {
  if (std::isnan(value)) {
    return "NaN";
  }
  if (std::isinf(value)) {
    return value < 0 ? "-Infinity" : "Infinity";
  }
  return std::nullopt;
}

std::string sign_of(double value) {
  return std::signbit(value) ? "-" : "";
}

// `d.ddd` followed by `e` and the exponent of the first digit.
std::string exponent_form(const DecimalDigits& decimal, std::string_view empty_fraction) {
  std::string fraction = decimal.digits.size() > 1 ? decimal.digits.substr(1) : "";
  std::string mantissa = decimal.digits.substr(0, 1);
  if (!fraction.empty() || !empty_fraction.empty()) {
    mantissa += "." + (fraction.empty() ? std::string(empty_fraction) : fraction);
  }
  return (decimal.negative ? "-" : "") + mantissa + "e" + std::to_string(decimal.point - 1);
}

// The digits around a decimal point, with at least one digit on each side.
std::string positional_form(const DecimalDigits& decimal) {
  std::string sign = decimal.negative ? "-" : "";
  if (decimal.point <= 0) {
    return sign + "0." + std::string(static_cast<std::size_t>(-decimal.point), '0') +
           decimal.digits;
  }
  auto whole = static_cast<std::size_t>(decimal.point);
  if (decimal.digits.size() <= whole) {
    return sign + decimal.digits + std::string(whole - decimal.digits.size(), '0') + ".0";
  }
  return sign + decimal.digits.substr(0, whole) + "." + decimal.digits.substr(whole);
}

} // namespace

std::string_view const_name(Const value) {
  switch (value) {
  case Const::type:
    return "Type";
  case Const::kind:
    return "Kind";
  case Const::sort:
    return "Sort";
  }
  return "Type";
}

std::optional<Const> const_from_name(std::string_view name) {
  for (Const value : {Const::type, Const::kind, Const::sort}) {
    if (name == const_name(value)) {
      return value;
    }
  }
  return std::nullopt;
}

DecimalDigits shortest_digits(double value) {
  // Shortest round-trip digits as "d.ddde±XX".
  char buffer[64];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, std::fabs(value),
                              std::chars_format::scientific);
  std::string_view scientific(buffer, static_cast<std::size_t>(result.ptr - buffer));
  auto exponent_at = scientific.find('e');
  DecimalDigits decimal;
  decimal.negative = std::signbit(value);
  for (char c : scientific.substr(0, exponent_at)) {
    if (c != '.') {
      decimal.digits += c;
    }
  }
  int exponent = 0;
  std::string_view exponent_text = scientific.substr(exponent_at + 1);
  if (exponent_text.starts_with('+')) {
    exponent_text.remove_prefix(1);
  }
  std::from_chars(exponent_text.data(), exponent_text.data() + exponent_text.size(), exponent);
  decimal.point = exponent + 1;
  return decimal;
}

std::string show_double(double value) {
  if (auto special = special_double(value)) {
    return *special;
  }
  if (value == 0) {
    return sign_of(value) + "0.0";
  }
  DecimalDigits decimal = shortest_digits(value);
  if (decimal.point < 0 || decimal.point > 7) {
    return exponent_form(decimal, "0");
  }
  return positional_form(decimal);
}

std::string double_literal(double value) {
  if (auto special = special_double(value)) {
    return *special;
  }
  if (value == 0) {
    return sign_of(value) + "0.0";
  }
  double magnitude = std::fabs(value);
  DecimalDigits decimal = shortest_digits(value);
  if (magnitude < 1e-4 || magnitude >= 1e16) {
    return exponent_form(decimal, ""); // the grammar needs no fraction: "1e100"
  }
  return positional_form(decimal);
}

std::optional<std::string_view> shared_escape(char c) {
  switch (c) {
  case '"':
    return "\\\"";
  case '\\':
    return "\\\\";
  case '\b':
    return "\\b";
  case '\f':
    return "\\f";
  case '\n':
    return "\\n";
  case '\r':
    return "\\r";
  case '\t':
    return "\\t";
  default:
    return std::nullopt;
  }
}

std::string escape_text(std::string_view text, DollarEscape dollar) {
  std::string result;
  result.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '$') {
      if (dollar == DollarEscape::always_unicode) {
        result += "\\u0024";
      } else if (dollar == DollarEscape::always_backslash) {
        result += "\\$";
      } else {
        result += i + 1 < text.size() && text[i + 1] == '{' ? "\\$" : "$";
      }
    } else if (auto escape = shared_escape(c)) {
      result += *escape;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      static constexpr char hex[] = "0123456789ABCDEF";
      result += "\\u00";
      result += hex[static_cast<unsigned char>(c) >> 4];
      result += hex[static_cast<unsigned char>(c) & 0xF];
    } else {
      result += c;
    }
  }
  return result;
}

std::string show_text(std::string_view text) {
  return "\"" + escape_text(text, DollarEscape::always_unicode) + "\"";
}

std::string date_literal(unsigned year, unsigned month, unsigned day) {
  return four_digits(year) + "-" + two_digits(month) + "-" + two_digits(day);
}

std::string time_literal(unsigned hour, unsigned minute, const Natural& second_fraction,
                         std::uint32_t precision) {
  // Whole seconds take two digits at least, the fraction exactly `precision`.
  std::string digits = second_fraction.to_string();
  if (digits.size() < precision + 2) {
    digits.insert(0, precision + 2 - digits.size(), '0');
  }
  std::size_t whole = digits.size() - precision;
  std::string result = two_digits(hour) + ":" + two_digits(minute) + ":" + digits.substr(0, whole);
  if (precision > 0) {
    result += "." + digits.substr(whole);
  }
  return result;
}

std::string time_zone_literal(int minutes) {
  auto magnitude = static_cast<unsigned>(minutes < 0 ? -minutes : minutes);
  return (minutes < 0 ? "-" : "+") + two_digits(magnitude / 60) + ":" + two_digits(magnitude % 60);
}

} // namespace polar::dhall
