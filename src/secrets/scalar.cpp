#include "secrets/detail/scalar.h"

#include <array>
#include <charconv>
#include <cmath>
#include <limits>
#include <optional>
#include <regex>
#include <string>

#include "secrets/error.h"

namespace polar::secrets {
namespace {

bool is_one_of(std::string_view text, std::initializer_list<std::string_view> words) {
  for (std::string_view word : words) {
    if (text == word) {
      return true;
    }
  }
  return false;
}

// Go's strconv.ParseInt(text, 0, 64): optional sign, then a 0x/0o/0b
// prefix, a leading 0 for octal, or decimal digits. nullopt when it is not an
// integer literal; `out_of_range` set when it is one but too large.
std::optional<std::int64_t> parse_go_integer(std::string_view text, bool& out_of_range) {
  bool negative = false;
  if (!text.empty() && (text.front() == '+' || text.front() == '-')) {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  int base = 10;
  if (text.size() > 2 && text[0] == '0') {
    char prefix = static_cast<char>(text[1] | 0x20);
    base = prefix == 'x' ? 16 : prefix == 'o' ? 8 : prefix == 'b' ? 2 : 10;
    if (base != 10) {
      text.remove_prefix(2);
    }
  }
  if (base == 10 && text.size() > 1 && text[0] == '0') {
    base = 8;
    text.remove_prefix(1);
  }
  if (text.empty()) {
    return std::nullopt;
  }
  std::uint64_t magnitude = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), magnitude, base);
  if (end != text.data() + text.size()) {
    return std::nullopt;
  }
  const std::uint64_t limit =
      static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) + (negative ? 1 : 0);
  if (error == std::errc::result_out_of_range || magnitude > limit) {
    out_of_range = true;
    return std::nullopt;
  }
  if (negative) {
    return magnitude == limit ? std::numeric_limits<std::int64_t>::min()
                              : -static_cast<std::int64_t>(magnitude);
  }
  return static_cast<std::int64_t>(magnitude);
}

std::optional<double> parse_float(std::string_view text) {
  static const std::regex yaml_float(R"(^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$)");
  if (!std::regex_match(text.begin(), text.end(), yaml_float)) {
    return std::nullopt;
  }
  if (text.front() == '+') {
    text.remove_prefix(1);
  }
  double value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) {
    return std::nullopt; // out of range: go-yaml reads it as a string
  }
  return value;
}

Scalar integer(std::int64_t value) {
  return {ScalarType::integer, std::to_string(value)};
}

Scalar floating(double value) {
  return {ScalarType::floating, format_float(value)};
}

} // namespace

std::string format_float(double value) {
  if (std::isnan(value)) {
    return "NaN";
  }
  if (std::isinf(value)) {
    return value > 0 ? "+Inf" : "-Inf";
  }
  std::array<char, 400> buffer{};
  auto [end, error] =
      std::to_chars(buffer.data(), buffer.data() + buffer.size(), value, std::chars_format::fixed);
  return std::string(buffer.data(), end);
}

Scalar resolve_plain_scalar(std::string_view text) {
  if (is_one_of(text, {"", "~", "null", "Null", "NULL"})) {
    return {ScalarType::null, ""};
  }
  if (is_one_of(text, {"true", "True", "TRUE"})) {
    return {ScalarType::boolean, "True"};
  }
  if (is_one_of(text, {"false", "False", "FALSE"})) {
    return {ScalarType::boolean, "False"};
  }
  if (is_one_of(text, {".nan", ".NaN", ".NAN"})) {
    return floating(std::numeric_limits<double>::quiet_NaN());
  }
  if (is_one_of(text, {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"})) {
    return floating(std::numeric_limits<double>::infinity());
  }
  if (is_one_of(text, {"-.inf", "-.Inf", "-.INF"})) {
    return floating(-std::numeric_limits<double>::infinity());
  }
  const char first = text.front();
  if ((first >= '0' && first <= '9') || first == '+' || first == '-' || first == '.') {
    std::string digits;
    for (char c : text) {
      if (c != '_') {
        digits += c;
      }
    }
    bool out_of_range = false;
    if (auto value = parse_go_integer(digits, out_of_range)) {
      return integer(*value);
    }
    if (out_of_range) {
      throw Error(ErrorKind::input,
                  "an integer does not fit in 64 bits (sops cannot encrypt it; quote it)");
    }
    if (auto value = parse_float(digits)) {
      return floating(*value);
    }
  }
  return {ScalarType::string, std::string(text)};
}

Scalar scalar_of_type(std::string_view type, std::string_view text) {
  if (type == "str") {
    return {ScalarType::string, std::string(text)};
  }
  if (type == "int") {
    bool out_of_range = false;
    std::optional<std::int64_t> value = parse_go_integer(text, out_of_range);
    if (!value) {
      throw Error(ErrorKind::input, "a value of type int does not decrypt to an integer");
    }
    return integer(*value);
  }
  if (type == "float") {
    if (is_one_of(text, {"NaN", "+Inf", "-Inf", "Inf"})) {
      return resolve_plain_scalar(text == "NaN" ? ".nan" : text == "-Inf" ? "-.inf" : ".inf");
    }
    std::optional<double> value = parse_float(text);
    if (!value) {
      throw Error(ErrorKind::input, "a value of type float does not decrypt to a number");
    }
    return floating(*value);
  }
  if (type == "bool") {
    // Go's strconv.ParseBool, which sops uses.
    if (is_one_of(text, {"1", "t", "T", "TRUE", "true", "True"})) {
      return {ScalarType::boolean, "True"};
    }
    if (is_one_of(text, {"0", "f", "F", "FALSE", "false", "False"})) {
      return {ScalarType::boolean, "False"};
    }
    throw Error(ErrorKind::input, "a value of type bool does not decrypt to a boolean");
  }
  throw Error(ErrorKind::input, "unsupported sops value type '" + std::string(type.substr(0, 20)) +
                                    "' (expected str, int, float or bool)");
}

std::string_view sops_type_name(ScalarType type) {
  switch (type) {
  case ScalarType::boolean:
    return "bool";
  case ScalarType::integer:
    return "int";
  case ScalarType::floating:
    return "float";
  case ScalarType::string:
  case ScalarType::null:
    break;
  }
  return "str";
}

} // namespace polar::secrets
