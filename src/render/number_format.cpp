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

} // namespace

std::string format_number(const JsonNumber& number) {
  // aeson writes a Scientific with an exponent up to 1024 as an integer. A
  // Natural or Integer reaches it with exponent 0 (its digits in full, any
  // size); an integral Double's exponent is at most 308. So every integral
  // value is written in full.
  if (number.exponent >= 0) {
    std::string text = number.negative ? "-" : "";
    text += number.digits;
    if (number.digits != "0") {
      text.append(static_cast<std::size_t>(number.exponent), '0');
    }
    return text;
  }
  // Scientific's Generic format: Fixed for 0.1 <= |x| < 10^7.
  std::int64_t point = point_exponent(number);
  return point < 0 || point > 7 ? exponent_notation(number) : fixed_notation(number);
}

} // namespace polar::render
