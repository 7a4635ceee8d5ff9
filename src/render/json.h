#pragma once
// JSON data: what a Dhall value becomes before it is written out as JSON or
// YAML text (see docs/rendering.md).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "syntax/number.h"

namespace polar::render {

// An exact decimal number: ±digits × 10^exponent. Naturals and Integers of
// any size and Doubles (by their shortest round-tripping digits) share this
// one representation, as they share aeson's Scientific in dhall-to-json, so
// that both print the same way.
struct JsonNumber {
  bool negative = false;    // never true for zero
  std::string digits = "0"; // no leading zeros; no trailing zeros unless "0"
  std::int64_t exponent = 0;

  static JsonNumber from_natural(const dhall::Natural& value);
  static JsonNumber from_integer(const dhall::Integer& value);
  // `value` must be finite.
  static JsonNumber from_double(double value);
  // Reads a JSON number ("-12.5e-3"); nullopt when `text` is not one.
  static std::optional<JsonNumber> parse(std::string_view text);

  friend bool operator==(const JsonNumber&, const JsonNumber&) = default;
};

class Json;
using JsonArray = std::vector<Json>;
// Keys in code point order (byte order of UTF-8), the order every writer
// prints them in.
using JsonObject = std::map<std::string, Json>;

class Json {
public:
  using Value = std::variant<std::nullptr_t, bool, JsonNumber, std::string, JsonArray, JsonObject>;

  Json() : value_(nullptr) {}
  static Json null() { return Json(); }
  static Json boolean(bool value) { return Json(Value(value)); }
  static Json number(JsonNumber value) { return Json(Value(std::move(value))); }
  static Json string(std::string value) { return Json(Value(std::move(value))); }
  static Json array(JsonArray items) { return Json(Value(std::move(items))); }
  static Json object(JsonObject fields) { return Json(Value(std::move(fields))); }

  const Value& value() const { return value_; }
  Value& value() { return value_; }

  bool is_null() const { return std::holds_alternative<std::nullptr_t>(value_); }
  template <typename T>
  const T* as() const {
    return std::get_if<T>(&value_);
  }
  template <typename T>
  T* as() {
    return std::get_if<T>(&value_);
  }

  friend bool operator==(const Json&, const Json&) = default;

private:
  explicit Json(Value value) : value_(std::move(value)) {}

  Value value_;
};

} // namespace polar::render
