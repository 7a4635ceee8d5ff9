// The `*/show` builtins' renderings of literals as Dhall source.
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "semantics/eval_internal.h"

namespace polar::dhall::detail {
namespace {

std::string two_digits(unsigned value) {
  std::string result(2, '0');
  result[0] = static_cast<char>('0' + value / 10 % 10);
  result[1] = static_cast<char>('0' + value % 10);
  return result;
}

} // namespace

// The standard renders doubles as Haskell's `show` does: the shortest
// digits that read back to the same value, in positional notation when
// 0.1 <= |x| < 10^7 and as `d.ddde±n` otherwise, always with a fraction.
std::string show_double(double value) {
  if (std::isnan(value)) {
    return "NaN";
  }
  if (std::isinf(value)) {
    return value < 0 ? "-Infinity" : "Infinity";
  }
  std::string sign = std::signbit(value) ? "-" : "";
  if (value == 0) {
    return sign + "0.0";
  }
  // Shortest round-trip digits as "d.ddde±XX".
  char buffer[64];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, std::fabs(value),
                              std::chars_format::scientific);
  std::string scientific(buffer, result.ptr);
  auto exponent_at = scientific.find('e');
  std::string digits;
  for (char c : scientific.substr(0, exponent_at)) {
    if (c != '.') {
      digits += c;
    }
  }
  // value = 0.d₁d₂… × 10^exponent
  int exponent = std::atoi(scientific.c_str() + exponent_at + 1) + 1;
  if (exponent < 0 || exponent > 7) {
    std::string mantissa = digits.substr(0, 1) + "." + (digits.size() > 1 ? digits.substr(1) : "0");
    return sign + mantissa + "e" + std::to_string(exponent - 1);
  }
  if (exponent == 0) {
    return sign + "0." + digits;
  }
  auto whole_digits = static_cast<std::size_t>(exponent);
  if (digits.size() <= whole_digits) {
    return sign + digits + std::string(whole_digits - digits.size(), '0') + ".0";
  }
  return sign + digits.substr(0, whole_digits) + "." + digits.substr(whole_digits);
}

std::string show_text(std::string_view text) {
  std::string result = "\"";
  for (char c : text) {
    switch (c) {
    case '"':
      result += "\\\"";
      break;
    case '$':
      result += "\\u0024";
      break;
    case '\\':
      result += "\\\\";
      break;
    case '\b':
      result += "\\b";
      break;
    case '\f':
      result += "\\f";
      break;
    case '\n':
      result += "\\n";
      break;
    case '\r':
      result += "\\r";
      break;
    case '\t':
      result += "\\t";
      break;
    default:
      if (static_cast<unsigned char>(c) < 0x20) {
        char escape[8];
        std::snprintf(escape, sizeof escape, "\\u%04X", static_cast<unsigned>(c));
        result += escape;
      } else {
        result += c;
      }
    }
  }
  result += '"';
  return result;
}

std::string show_date(const VDate& date) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04u-%02u-%02u", static_cast<unsigned>(date.year),
                static_cast<unsigned>(date.month), static_cast<unsigned>(date.day));
  return buffer;
}

std::string show_time(const VTime& time) {
  // seconds = second_fraction / 10^precision, printed with exactly
  // `precision` fractional digits.
  auto digits = time.second_fraction.to_string();
  if (digits.size() < time.precision + 1) {
    digits.insert(0, time.precision + 1 - digits.size(), '0');
  }
  auto whole_digits = digits.size() - time.precision;
  std::string result = two_digits(time.hour);
  result += ':';
  result += two_digits(time.minute);
  result += ':';
  if (whole_digits < 2) {
    result += '0';
  }
  result.append(digits, 0, whole_digits);
  if (time.precision > 0) {
    result += '.';
    result.append(digits, whole_digits);
  }
  return result;
}

std::string show_time_zone(const VTimeZone& zone) {
  auto magnitude = static_cast<unsigned>(zone.minutes < 0 ? -zone.minutes : zone.minutes);
  std::string result(1, zone.minutes < 0 ? '-' : '+');
  result += two_digits(magnitude / 60);
  result += ':';
  result += two_digits(magnitude % 60);
  return result;
}

} // namespace polar::dhall::detail
