#include "binary/cbor.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <string>

#include "syntax/source.h"

namespace polar::dhall::cbor {
namespace {

// Additional-information values that announce a following argument.
constexpr std::uint8_t info_one_byte = 24;
constexpr std::uint8_t info_eight_bytes = 27;
constexpr std::uint8_t info_indefinite = 31;

constexpr std::uint16_t half_quiet_nan = 0x7e00;

// Well-formed UTF-8 as RFC 3629 defines it: no overlong forms, no surrogates,
// nothing above U+10FFFF.
bool valid_utf8(std::span<const std::uint8_t> text) {
  std::size_t i = 0;
  while (i < text.size()) {
    std::uint8_t lead = text[i];
    if (lead < 0x80) {
      ++i;
      continue;
    }
    std::size_t length = 0;
    std::uint8_t low = 0x80;
    std::uint8_t high = 0xbf; // range of the second byte
    if (lead >= 0xc2 && lead <= 0xdf) {
      length = 2;
    } else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      low = lead == 0xe0 ? 0xa0 : 0x80;
      high = lead == 0xed ? 0x9f : 0xbf;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      low = lead == 0xf0 ? 0x90 : 0x80;
      high = lead == 0xf4 ? 0x8f : 0xbf;
    } else {
      return false;
    }
    if (text.size() - i < length || text[i + 1] < low || text[i + 1] > high) {
      return false;
    }
    for (std::size_t k = 2; k < length; ++k) {
      if (text[i + k] < 0x80 || text[i + k] > 0xbf) {
        return false;
      }
    }
    i += length;
  }
  return true;
}

const char* major_name(Major major) {
  switch (major) {
  case Major::unsigned_integer:
    return "an unsigned integer";
  case Major::negative_integer:
    return "a negative integer";
  case Major::byte_string:
    return "a byte string";
  case Major::text_string:
    return "a text string";
  case Major::array:
    return "an array";
  case Major::map:
    return "a map";
  case Major::tag:
    return "a tag";
  case Major::simple:
    return "a simple value or float";
  }
  return "an unknown item";
}

} // namespace

std::optional<std::uint16_t> exact_half(double value) {
  auto bits = std::bit_cast<std::uint64_t>(value);
  auto sign = static_cast<std::uint16_t>((bits >> 48) & 0x8000);
  auto biased_exponent = static_cast<int>((bits >> 52) & 0x7ff);
  std::uint64_t mantissa = bits & 0xfffffffffffffULL;
  auto with_sign = [sign](std::uint64_t magnitude) {
    return std::optional(static_cast<std::uint16_t>(sign | magnitude));
  };
  if (biased_exponent == 0x7ff) {
    // Infinities; NaN is never exact.
    return mantissa == 0 ? with_sign(0x7c00) : std::nullopt;
  }
  if (biased_exponent == 0) {
    // Zeros; double subnormals are far too small for a half.
    return mantissa == 0 ? with_sign(0) : std::nullopt;
  }
  int exponent = biased_exponent - 1023;
  if (exponent >= -14 && exponent <= 15) {
    // A normal half keeps the top 10 of the 52 mantissa bits.
    if ((mantissa & ((std::uint64_t{1} << 42) - 1)) != 0) {
      return std::nullopt;
    }
    return with_sign(static_cast<std::uint64_t>(exponent + 15) << 10 | mantissa >> 42);
  }
  if (exponent >= -24 && exponent < -14) {
    // A subnormal half is k * 2^-24 with 0 < k < 1024.
    std::uint64_t significand = mantissa | (std::uint64_t{1} << 52);
    auto shift = static_cast<unsigned>(28 - exponent);
    if ((significand & ((std::uint64_t{1} << shift) - 1)) != 0) {
      return std::nullopt;
    }
    return with_sign(significand >> shift);
  }
  return std::nullopt;
}

double half_to_double(std::uint16_t bits) {
  int exponent = (bits >> 10) & 0x1f;
  int mantissa = bits & 0x3ff;
  double magnitude = 0;
  if (exponent == 0) {
    magnitude = std::ldexp(mantissa, -24);
  } else if (exponent == 0x1f) {
    magnitude = mantissa == 0 ? INFINITY : NAN;
  } else {
    magnitude = std::ldexp(mantissa + 1024, exponent - 25);
  }
  return (bits & 0x8000) != 0 ? -magnitude : magnitude;
}

// Writer -------------------------------------------------------------------

void Writer::raw_big_endian(std::uint64_t value, std::size_t byte_count) {
  for (std::size_t i = byte_count; i-- > 0;) {
    out_.push_back(static_cast<std::uint8_t>(value >> (8 * i)));
  }
}

void Writer::head(Major major, std::uint64_t argument) {
  auto initial = static_cast<std::uint8_t>(static_cast<std::uint8_t>(major) << 5);
  if (argument < info_one_byte) {
    out_.push_back(static_cast<std::uint8_t>(initial | argument));
    return;
  }
  // Shortest of 1, 2, 4 or 8 argument bytes (info 24, 25, 26, 27).
  std::uint8_t info = info_one_byte;
  std::size_t byte_count = 1;
  while (byte_count < 8 && argument >> (8 * byte_count) != 0) {
    ++info;
    byte_count *= 2;
  }
  out_.push_back(static_cast<std::uint8_t>(initial | info));
  raw_big_endian(argument, byte_count);
}

void Writer::unsigned_integer(std::uint64_t value) {
  head(Major::unsigned_integer, value);
}

void Writer::negative_integer(std::uint64_t n) {
  head(Major::negative_integer, n);
}

void Writer::natural(const Natural& value) {
  if (value.fits_uint64()) {
    unsigned_integer(value.as_uint64());
    return;
  }
  tag(tag_positive_bignum);
  byte_string(value.to_bytes());
}

void Writer::integer(const Integer& value) {
  if (!value.negative()) {
    natural(value.magnitude());
    return;
  }
  // CBOR stores a negative number v as n = -1 - v = |v| - 1.
  Natural n = Natural::truncated_subtract(value.magnitude(), Natural(1));
  if (n.fits_uint64()) {
    negative_integer(n.as_uint64());
    return;
  }
  tag(tag_negative_bignum);
  byte_string(n.to_bytes());
}

void Writer::byte_string(std::span<const std::uint8_t> bytes) {
  head(Major::byte_string, bytes.size());
  out_.insert(out_.end(), bytes.begin(), bytes.end());
}

void Writer::text_string(std::string_view text) {
  head(Major::text_string, text.size());
  out_.insert(out_.end(), text.begin(), text.end());
}

void Writer::encoded_item(std::span<const std::uint8_t> item) {
  out_.insert(out_.end(), item.begin(), item.end());
}

void Writer::array(std::uint64_t length) {
  head(Major::array, length);
}

void Writer::map(std::uint64_t length) {
  head(Major::map, length);
}

void Writer::tag(std::uint64_t tag) {
  head(Major::tag, tag);
}

void Writer::boolean(bool value) {
  out_.push_back(0xe0 | (value ? simple_true : simple_false));
}

void Writer::null() {
  out_.push_back(0xe0 | simple_null);
}

void Writer::floating(double value) {
  auto half = std::isnan(value) ? std::optional(half_quiet_nan) : exact_half(value);
  if (half) {
    out_.push_back(0xe0 | float_half);
    raw_big_endian(*half, 2);
    return;
  }
  auto single = static_cast<float>(value);
  if (static_cast<double>(single) == value) {
    out_.push_back(0xe0 | float_single);
    raw_big_endian(std::bit_cast<std::uint32_t>(single), 4);
    return;
  }
  out_.push_back(0xe0 | float_double);
  raw_big_endian(std::bit_cast<std::uint64_t>(value), 8);
}

// Reader -------------------------------------------------------------------

void Reader::fail(std::string_view message) const {
  throw Error(ErrorKind::decode, "invalid Dhall binary at byte " + std::to_string(position_) +
                                     ": " + std::string(message));
}

Head Reader::read_head(std::size_t& position) const {
  if (position >= input_.size()) {
    fail("unexpected end of input");
  }
  std::uint8_t initial = input_[position++];
  Head head{static_cast<Major>(initial >> 5), static_cast<std::uint8_t>(initial & 0x1f), 0};
  if (head.info < info_one_byte) {
    head.argument = head.info;
    return head;
  }
  if (head.info == info_indefinite) {
    fail("indefinite-length items are not supported");
  }
  if (head.info > info_eight_bytes) {
    fail("reserved additional information value " + std::to_string(head.info));
  }
  std::size_t byte_count = std::size_t{1} << (head.info - info_one_byte);
  if (input_.size() - position < byte_count) {
    fail("unexpected end of input inside an item header");
  }
  for (std::size_t i = 0; i < byte_count; ++i) {
    head.argument = (head.argument << 8) | input_[position++];
  }
  if (head.major == Major::simple && head.info == info_one_byte && head.argument < 32) {
    fail("simple value " + std::to_string(head.argument) + " in its two-byte form");
  }
  return head;
}

Head Reader::peek() {
  while (true) {
    std::size_t position = position_;
    Head head = read_head(position);
    if (head.major != Major::tag || head.argument != tag_self_describe) {
      return head;
    }
    position_ = position; // the self-describe tag adds no meaning: drop it
  }
}

std::uint64_t Reader::expect(Major major, std::string_view what) {
  Head head = peek();
  if (head.major != major) {
    fail("expected " + std::string(major_name(major)) + " for " + std::string(what) + ", found " +
         major_name(head.major));
  }
  read_head(position_);
  return head.argument;
}

std::uint64_t Reader::array(std::string_view what) {
  std::uint64_t length = expect(Major::array, what);
  if (length > remaining()) {
    fail("array length " + std::to_string(length) + " exceeds the input");
  }
  return length;
}

std::uint64_t Reader::map(std::string_view what) {
  std::uint64_t length = expect(Major::map, what);
  if (length > remaining() / 2) {
    fail("map length " + std::to_string(length) + " exceeds the input");
  }
  return length;
}

std::span<const std::uint8_t> Reader::payload(std::uint64_t length, std::string_view what) {
  if (length > remaining()) {
    fail("length " + std::to_string(length) + " of " + std::string(what) + " exceeds the input");
  }
  auto result = input_.subspan(position_, static_cast<std::size_t>(length));
  position_ += static_cast<std::size_t>(length);
  return result;
}

std::string_view Reader::text_view(std::string_view what) {
  auto content = payload(expect(Major::text_string, what), what);
  if (!valid_utf8(content)) {
    fail("invalid UTF-8 in " + std::string(what));
  }
  return {reinterpret_cast<const char*>(content.data()), content.size()};
}

std::string Reader::text(std::string_view what) {
  return std::string(text_view(what));
}

std::vector<std::uint8_t> Reader::bytes(std::string_view what) {
  auto content = payload(expect(Major::byte_string, what), what);
  return {content.begin(), content.end()};
}

Natural Reader::bignum_magnitude(std::string_view what) {
  return Natural::from_bytes(bytes(what));
}

Natural Reader::natural(std::string_view what) {
  Head head = peek();
  if (head.major == Major::unsigned_integer) {
    read_head(position_);
    return Natural(head.argument);
  }
  if (head.major == Major::tag && head.argument == tag_positive_bignum) {
    read_head(position_);
    return bignum_magnitude(what);
  }
  fail("expected a natural number for " + std::string(what));
}

Integer Reader::integer(std::string_view what) {
  Head head = peek();
  if (head.major == Major::unsigned_integer ||
      (head.major == Major::tag && head.argument == tag_positive_bignum)) {
    return Integer(false, natural(what));
  }
  if (head.major == Major::negative_integer) {
    read_head(position_);
    return Integer(true, Natural(head.argument) + Natural(1));
  }
  if (head.major == Major::tag && head.argument == tag_negative_bignum) {
    read_head(position_);
    return Integer(true, bignum_magnitude(what) + Natural(1));
  }
  fail("expected an integer for " + std::string(what));
}

std::span<const std::uint8_t> Reader::next_item() {
  peek(); // drops self-describe tags before the item
  std::size_t position = position_;
  // Items still to read: each head read is one; arrays, maps and tags add
  // their contents. Bounded by the input like the lengths read elsewhere.
  std::uint64_t pending = 1;
  while (pending > 0) {
    Head head = read_head(position);
    --pending;
    std::uint64_t left = input_.size() - position;
    switch (head.major) {
    case Major::byte_string:
    case Major::text_string:
      if (head.argument > left) {
        fail("length " + std::to_string(head.argument) + " of a string exceeds the input");
      }
      position += static_cast<std::size_t>(head.argument);
      break;
    case Major::array:
    case Major::map: {
      std::uint64_t items = head.major == Major::map ? 2 : 1;
      if (head.argument > left / items || pending > left) {
        fail("length " + std::to_string(head.argument) + " exceeds the input");
      }
      pending += head.argument * items;
      break;
    }
    case Major::tag:
      ++pending;
      break;
    case Major::unsigned_integer:
    case Major::negative_integer:
    case Major::simple:
      break;
    }
  }
  return input_.subspan(position_, position - position_);
}

std::span<const std::uint8_t> Reader::next_bytes(std::size_t size) const {
  if (size > remaining()) {
    fail("an item's extent exceeds the input");
  }
  return input_.subspan(position_, size);
}

void Reader::skip_simple() {
  expect(Major::simple, "a simple value");
}

} // namespace polar::dhall::cbor
