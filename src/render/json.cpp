#include "render/json.h"

#include <string>

#include "syntax/literals.h"

namespace polar::render {
namespace {

// Moves trailing zeros of `number.digits` into its exponent and drops leading
// zeros, so that equal numbers compare equal.
JsonNumber normalized(bool negative, std::string digits, std::int64_t exponent) {
  std::size_t first = digits.find_first_not_of('0');
  if (first == std::string::npos) {
    return JsonNumber{};
  }
  digits.erase(0, first);
  std::size_t last = digits.find_last_not_of('0');
  exponent += static_cast<std::int64_t>(digits.size() - 1 - last);
  digits.erase(last + 1);
  return JsonNumber{negative, std::move(digits), exponent};
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

} // namespace

JsonNumber JsonNumber::from_natural(const dhall::Natural& value) {
  return normalized(false, value.to_string(), 0);
}

JsonNumber JsonNumber::from_integer(const dhall::Integer& value) {
  return normalized(value.negative(), value.magnitude().to_string(), 0);
}

JsonNumber JsonNumber::from_double(double value) {
  if (value == 0) {
    return JsonNumber{};
  }
  dhall::DecimalDigits decimal = dhall::shortest_digits(value);
  auto exponent =
      static_cast<std::int64_t>(decimal.point) - static_cast<std::int64_t>(decimal.digits.size());
  return normalized(decimal.negative, std::move(decimal.digits), exponent);
}

std::optional<JsonNumber> JsonNumber::parse(std::string_view text) {
  std::size_t at = 0;
  auto digits_from = [&](std::string& into) {
    std::size_t start = at;
    while (at < text.size() && is_digit(text[at])) {
      into.push_back(text[at++]);
    }
    return at - start;
  };
  bool negative = at < text.size() && text[at] == '-';
  at += negative ? 1 : 0;
  std::string digits;
  std::size_t integer_digits = digits_from(digits);
  if (integer_digits == 0 || (integer_digits > 1 && digits.front() == '0')) {
    return std::nullopt;
  }
  std::int64_t exponent = 0;
  if (at < text.size() && text[at] == '.') {
    ++at;
    std::size_t fraction_digits = digits_from(digits);
    if (fraction_digits == 0) {
      return std::nullopt;
    }
    exponent -= static_cast<std::int64_t>(fraction_digits);
  }
  if (at < text.size() && (text[at] == 'e' || text[at] == 'E')) {
    ++at;
    bool negative_exponent = at < text.size() && text[at] == '-';
    at += at < text.size() && (text[at] == '-' || text[at] == '+') ? 1 : 0;
    std::string exponent_digits;
    // More digits than an int64 holds is no number anyone writes.
    if (digits_from(exponent_digits) == 0 || exponent_digits.size() > 15) {
      return std::nullopt;
    }
    std::int64_t written = std::stoll(exponent_digits);
    exponent += negative_exponent ? -written : written;
  }
  if (at != text.size()) {
    return std::nullopt;
  }
  return normalized(negative, std::move(digits), exponent);
}

} // namespace polar::render
