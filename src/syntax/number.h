#pragma once
// Dhall's Natural and Integer are unbounded. Real configurations stay far
// below 2^64, so values that fit are kept inline and only larger ones use
// heap limbs.
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace polar::dhall {

class Natural {
public:
  Natural() = default;
  Natural(std::uint64_t value) : small_(value) {} // NOLINT: implicit on purpose

  // Parses digits in base 2, 10 or 16 (no prefix, no sign). Returns nullopt
  // on an empty string or a digit outside the base.
  static std::optional<Natural> parse(std::string_view digits, unsigned base = 10);
  // From big-endian magnitude bytes, as CBOR bignums carry them.
  static Natural from_bytes(const std::vector<std::uint8_t>& big_endian);

  bool is_zero() const { return big_.empty() && small_ == 0; }
  bool is_even() const { return big_.empty() ? small_ % 2 == 0 : big_[0] % 2 == 0; }
  bool fits_uint64() const { return big_.empty(); }
  // Only meaningful when fits_uint64().
  std::uint64_t as_uint64() const { return small_; }
  std::vector<std::uint8_t> to_bytes() const; // big-endian, no leading zeros
  double to_double() const;
  std::string to_string() const;

  friend Natural operator+(const Natural& a, const Natural& b);
  friend Natural operator*(const Natural& a, const Natural& b);
  // Natural/subtract semantics: max(a - b, 0).
  static Natural truncated_subtract(const Natural& a, const Natural& b);

  friend bool operator==(const Natural& a, const Natural& b) = default;
  friend std::strong_ordering operator<=>(const Natural& a, const Natural& b);

private:
  using Limbs = std::vector<std::uint32_t>; // little-endian base 2^32
  static Natural from_limbs(Limbs limbs);
  Limbs limbs() const;

  std::uint64_t small_ = 0;
  Limbs big_; // empty unless the value is >= 2^64
};

class Integer {
public:
  Integer() = default;
  Integer(std::int64_t value); // NOLINT: implicit on purpose
  Integer(bool negative, Natural magnitude);

  bool negative() const { return negative_; }
  const Natural& magnitude() const { return magnitude_; }
  // Fits in int64_t?
  std::optional<std::int64_t> as_int64() const;

  Integer negated() const { return Integer(!negative_, magnitude_); }
  double to_double() const;
  std::string to_string() const; // always signed: "+1", "-2", "+0"

  friend bool operator==(const Integer& a, const Integer& b) = default;

private:
  bool negative_ = false; // never true for zero
  Natural magnitude_;
};

} // namespace polar::dhall
