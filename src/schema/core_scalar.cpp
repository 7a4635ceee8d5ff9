#include "schema/detail/core_scalar.h"

#include <cmath>
#include <cstdlib>
#include <initializer_list>
#include <limits>
#include <regex>

namespace polar::schema {
namespace {

bool is_one_of(std::string_view text, std::initializer_list<std::string_view> choices) {
  for (std::string_view choice : choices) {
    if (text == choice) {
      return true;
    }
  }
  return false;
}

std::optional<dhall::Natural> parse_digits(std::string_view digits, unsigned base) {
  if (base != 8) {
    return dhall::Natural::parse(digits, base);
  }
  dhall::Natural value;
  for (char digit : digits) {
    if (digit < '0' || digit > '7') {
      return std::nullopt;
    }
    value = value * dhall::Natural(8) + dhall::Natural(static_cast<std::uint64_t>(digit - '0'));
  }
  return digits.empty() ? std::nullopt : std::optional(value);
}

std::optional<CoreScalar> integer(std::string_view text) {
  std::string_view digits = text;
  bool negative = false;
  if (!digits.empty() && (digits.front() == '-' || digits.front() == '+')) {
    negative = digits.front() == '-';
    digits.remove_prefix(1);
  }
  unsigned base = 10;
  if (digits.starts_with("0x") && text.front() == '0') {
    base = 16;
    digits.remove_prefix(2);
  } else if (digits.starts_with("0o") && text.front() == '0') {
    base = 8;
    digits.remove_prefix(2);
  }
  if (digits.empty() || (base == 16 && digits.find_first_not_of("0123456789abcdefABCDEF") !=
                                           std::string_view::npos)) {
    return std::nullopt;
  }
  if (base == 10 && digits.find_first_not_of("0123456789") != std::string_view::npos) {
    return std::nullopt;
  }
  std::optional<dhall::Natural> magnitude = parse_digits(digits, base);
  if (!magnitude) {
    return std::nullopt;
  }
  CoreScalar scalar(ScalarKind::integer, std::string(text));
  scalar.integer = dhall::Integer(negative && !magnitude->is_zero(), *magnitude);
  scalar.floating = magnitude->to_double() * (negative ? -1 : 1);
  return scalar;
}

std::optional<CoreScalar> floating(std::string_view text) {
  static const std::regex number(R"([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?)");
  CoreScalar scalar(ScalarKind::floating, std::string(text));
  if (is_one_of(text, {".nan", ".NaN", ".NAN"})) {
    scalar.floating = std::numeric_limits<double>::quiet_NaN();
  } else if (is_one_of(text, {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"})) {
    scalar.floating = std::numeric_limits<double>::infinity();
  } else if (is_one_of(text, {"-.inf", "-.Inf", "-.INF"})) {
    scalar.floating = -std::numeric_limits<double>::infinity();
  } else if (std::regex_match(text.begin(), text.end(), number)) {
    scalar.floating = std::strtod(scalar.text.c_str(), nullptr);
  } else {
    return std::nullopt;
  }
  return scalar;
}

CoreScalar resolve_plain(std::string_view text) {
  if (is_one_of(text, {"", "~", "null", "Null", "NULL"})) {
    return CoreScalar(ScalarKind::null);
  }
  if (is_one_of(text, {"true", "True", "TRUE", "false", "False", "FALSE"})) {
    CoreScalar scalar(ScalarKind::boolean, std::string(text));
    scalar.boolean = text.front() == 't' || text.front() == 'T';
    return scalar;
  }
  if (auto number = integer(text)) {
    return *number;
  }
  if (auto number = floating(text)) {
    return *number;
  }
  return CoreScalar(ScalarKind::string, std::string(text));
}

} // namespace

std::optional<CoreScalar> resolve_scalar(std::string_view tag, std::string_view text) {
  constexpr std::string_view core = "tag:yaml.org,2002:";
  if (tag == "?") {
    return resolve_plain(text);
  }
  if (tag == "!" || tag == "tag:yaml.org,2002:str") {
    return CoreScalar(ScalarKind::string, std::string(text));
  }
  if (!tag.starts_with(core)) {
    return std::nullopt;
  }
  CoreScalar resolved = resolve_plain(text);
  std::string_view name = tag.substr(core.size());
  if (name == "float" && resolved.kind == ScalarKind::integer) {
    resolved.kind = ScalarKind::floating;
  }
  bool fits = (name == "int" && resolved.kind == ScalarKind::integer) ||
              (name == "float" && resolved.kind == ScalarKind::floating) ||
              (name == "bool" && resolved.kind == ScalarKind::boolean) ||
              (name == "null" && resolved.kind == ScalarKind::null);
  return fits ? std::optional(resolved) : std::nullopt;
}

} // namespace polar::schema
