#include "syntax/number.h"

#include <algorithm>
#include <cstdlib>

namespace polar::dhall {

Natural Natural::from_limbs(Limbs limbs) {
  while (!limbs.empty() && limbs.back() == 0) {
    limbs.pop_back();
  }
  Natural result;
  if (limbs.size() <= 2) {
    for (std::size_t i = limbs.size(); i-- > 0;) {
      result.small_ = (result.small_ << 32) | limbs[i];
    }
  } else {
    result.big_ = std::move(limbs);
  }
  return result;
}

Natural::Limbs Natural::limbs() const {
  if (!big_.empty()) {
    return big_;
  }
  Limbs limbs;
  for (auto value = small_; value != 0; value >>= 32) {
    limbs.push_back(static_cast<std::uint32_t>(value));
  }
  return limbs;
}

std::optional<Natural> Natural::parse(std::string_view digits, unsigned base) {
  if (digits.empty()) {
    return std::nullopt;
  }
  Limbs limbs;
  for (char c : digits) {
    unsigned digit = 0;
    if (c >= '0' && c <= '9') {
      digit = static_cast<unsigned>(c - '0');
    } else if (c >= 'a' && c <= 'f') {
      digit = static_cast<unsigned>(c - 'a' + 10);
    } else if (c >= 'A' && c <= 'F') {
      digit = static_cast<unsigned>(c - 'A' + 10);
    } else {
      return std::nullopt;
    }
    if (digit >= base) {
      return std::nullopt;
    }
    std::uint64_t carry = digit;
    for (auto& limb : limbs) {
      std::uint64_t next = std::uint64_t{limb} * base + carry;
      limb = static_cast<std::uint32_t>(next);
      carry = next >> 32;
    }
    if (carry != 0) {
      limbs.push_back(static_cast<std::uint32_t>(carry));
    }
  }
  return from_limbs(std::move(limbs));
}

Natural Natural::from_bytes(const std::vector<std::uint8_t>& big_endian) {
  Limbs limbs((big_endian.size() + 3) / 4, 0);
  for (std::size_t i = 0; i < big_endian.size(); ++i) {
    std::size_t bit = 8 * (big_endian.size() - 1 - i);
    limbs[bit / 32] |= std::uint32_t{big_endian[i]} << (bit % 32);
  }
  return from_limbs(std::move(limbs));
}

std::vector<std::uint8_t> Natural::to_bytes() const {
  std::vector<std::uint8_t> bytes;
  Limbs limbs = this->limbs();
  for (std::size_t i = limbs.size(); i-- > 0;) {
    for (int shift = 24; shift >= 0; shift -= 8) {
      auto byte = static_cast<std::uint8_t>(limbs[i] >> shift);
      if (!bytes.empty() || byte != 0) {
        bytes.push_back(byte);
      }
    }
  }
  return bytes;
}

double Natural::to_double() const {
  if (big_.empty()) {
    return static_cast<double>(small_);
  }
  // strtod rounds correctly to nearest; accumulating limbs would not.
  return std::strtod(to_string().c_str(), nullptr);
}

std::string Natural::to_string() const {
  if (big_.empty()) {
    return std::to_string(small_);
  }
  Limbs limbs = big_;
  std::string digits;
  while (!limbs.empty()) {
    // Divide by 10^9 and emit the remainder's nine digits.
    std::uint64_t remainder = 0;
    for (std::size_t i = limbs.size(); i-- > 0;) {
      std::uint64_t current = (remainder << 32) | limbs[i];
      limbs[i] = static_cast<std::uint32_t>(current / 1000000000);
      remainder = current % 1000000000;
    }
    while (!limbs.empty() && limbs.back() == 0) {
      limbs.pop_back();
    }
    for (int i = 0; i < 9; ++i) {
      digits.push_back(static_cast<char>('0' + remainder % 10));
      remainder /= 10;
    }
  }
  while (digits.size() > 1 && digits.back() == '0') {
    digits.pop_back();
  }
  std::reverse(digits.begin(), digits.end());
  return digits;
}

Natural operator+(const Natural& a, const Natural& b) {
  if (a.big_.empty() && b.big_.empty() && a.small_ + b.small_ >= a.small_) {
    return Natural(a.small_ + b.small_);
  }
  Natural::Limbs x = a.limbs();
  Natural::Limbs y = b.limbs();
  if (x.size() < y.size()) {
    std::swap(x, y);
  }
  std::uint64_t carry = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    std::uint64_t sum = std::uint64_t{x[i]} + (i < y.size() ? y[i] : 0) + carry;
    x[i] = static_cast<std::uint32_t>(sum);
    carry = sum >> 32;
  }
  if (carry != 0) {
    x.push_back(static_cast<std::uint32_t>(carry));
  }
  return Natural::from_limbs(std::move(x));
}

Natural operator*(const Natural& a, const Natural& b) {
  if (a.big_.empty() && b.big_.empty()) {
    std::uint64_t product = 0;
    if (!__builtin_mul_overflow(a.small_, b.small_, &product)) {
      return Natural(product);
    }
  }
  Natural::Limbs x = a.limbs();
  Natural::Limbs y = b.limbs();
  Natural::Limbs result(x.size() + y.size(), 0);
  for (std::size_t i = 0; i < x.size(); ++i) {
    std::uint64_t carry = 0;
    for (std::size_t j = 0; j < y.size(); ++j) {
      std::uint64_t current = std::uint64_t{x[i]} * y[j] + result[i + j] + carry;
      result[i + j] = static_cast<std::uint32_t>(current);
      carry = current >> 32;
    }
    result[i + y.size()] = static_cast<std::uint32_t>(carry);
  }
  return Natural::from_limbs(std::move(result));
}

Natural Natural::truncated_subtract(const Natural& a, const Natural& b) {
  if (a <= b) {
    return Natural();
  }
  if (a.big_.empty()) {
    return Natural(a.small_ - b.small_);
  }
  Limbs x = a.limbs();
  Limbs y = b.limbs();
  std::int64_t borrow = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    std::int64_t difference = std::int64_t{x[i]} - (i < y.size() ? std::int64_t{y[i]} : 0) - borrow;
    borrow = difference < 0 ? 1 : 0;
    x[i] = static_cast<std::uint32_t>(difference + (borrow << 32));
  }
  return from_limbs(std::move(x));
}

std::strong_ordering operator<=>(const Natural& a, const Natural& b) {
  if (a.big_.empty() && b.big_.empty()) {
    return a.small_ <=> b.small_;
  }
  if (a.big_.size() != b.big_.size()) {
    return a.big_.size() <=> b.big_.size();
  }
  for (std::size_t i = a.big_.size(); i-- > 0;) {
    if (a.big_[i] != b.big_[i]) {
      return a.big_[i] <=> b.big_[i];
    }
  }
  return std::strong_ordering::equal;
}

Integer::Integer(std::int64_t value)
    : negative_(value < 0), magnitude_(value < 0 ? ~static_cast<std::uint64_t>(value) + 1
                                                 : static_cast<std::uint64_t>(value)) {
}

Integer::Integer(bool negative, Natural magnitude)
    : negative_(negative && !magnitude.is_zero()), magnitude_(std::move(magnitude)) {
}

std::optional<std::int64_t> Integer::as_int64() const {
  if (!magnitude_.fits_uint64()) {
    return std::nullopt;
  }
  std::uint64_t value = magnitude_.as_uint64();
  constexpr std::uint64_t max_positive = 0x7fffffffffffffffULL;
  if (!negative_) {
    return value <= max_positive ? std::optional(static_cast<std::int64_t>(value)) : std::nullopt;
  }
  if (value > max_positive + 1) {
    return std::nullopt;
  }
  return static_cast<std::int64_t>(~value + 1);
}

double Integer::to_double() const {
  double magnitude = magnitude_.to_double();
  return negative_ ? -magnitude : magnitude;
}

std::string Integer::to_string() const {
  return (negative_ ? "-" : "+") + magnitude_.to_string();
}

} // namespace polar::dhall
