#include "render/number_format.h"

#include <cstdint>

namespace polar::render {
namespace {

// The exponent E of the number written as 0.digits × 10^E.
std::int64_t point_exponent(const JsonNumber& number) {
  return number.exponent + static_cast<std::int64_t>(number.digits.size());
}

// "d.ddde<E-1>", with "d.0" for a single digit (Scientific's Exponent format).
std::string exponent_notation(const JsonNumber& number) {
  std::string text = number.negative ? "-" : "";
  text += number.digits.front();
  text += '.';
  text += number.digits.size() > 1 ? number.digits.substr(1) : "0";
  text += 'e';
  text += std::to_string(point_exponent(number) - 1);
  return text;
}

// Scientific's Fixed format for numbers with a fractional part.
std::string fixed_notation(const JsonNumber& number) {
  std::string text = number.negative ? "-" : "";
  std::int64_t point = point_exponent(number);
  if (point <= 0) {
    text += "0.";
    text.append(static_cast<std::size_t>(-point), '0');
    text += number.digits;
  } else {
    auto integer_digits = static_cast<std::size_t>(point);
    text += number.digits.substr(0, integer_digits);
    text += '.';
    text += number.digits.substr(integer_digits);
  }
  return text;
}

bool above_1e19(const JsonNumber& number) {
  std::int64_t point = point_exponent(number);
  return point > 20 || (point == 20 && number.digits != "1");
}

} // namespace

std::string format_number_compact(const JsonNumber& number) {
  if (number.exponent >= 0 && number.exponent <= 1024) {
    std::string text = number.negative ? "-" : "";
    text += number.digits;
    if (number.digits != "0") {
      text.append(static_cast<std::size_t>(number.exponent), '0');
    }
    return text;
  }
  std::int64_t point = point_exponent(number);
  return point < 0 || point > 7 ? exponent_notation(number) : fixed_notation(number);
}

std::string format_number_pretty(const JsonNumber& number) {
  return above_1e19(number) ? exponent_notation(number) : format_number_compact(number);
}

} // namespace polar::render
