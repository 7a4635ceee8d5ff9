#pragma once
// The subset of CBOR (RFC 8949) that Dhall's binary format uses: a writer
// that always produces the shortest encoding, and a strict, bounded pull
// reader for untrusted input. Neither knows anything about Dhall expressions.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "syntax/number.h"

namespace polar::dhall::cbor {

enum class Major : std::uint8_t {
  unsigned_integer = 0,
  negative_integer = 1,
  byte_string = 2,
  text_string = 3,
  array = 4,
  map = 5,
  tag = 6,
  simple = 7, // false, true, null and floats
};

// Tags with a meaning for Dhall.
inline constexpr std::uint64_t tag_positive_bignum = 2;
inline constexpr std::uint64_t tag_negative_bignum = 3;
inline constexpr std::uint64_t tag_decimal_fraction = 4;
inline constexpr std::uint64_t tag_self_describe = 55799;

// Additional-information values of major type 7.
inline constexpr std::uint8_t simple_false = 20;
inline constexpr std::uint8_t simple_true = 21;
inline constexpr std::uint8_t simple_null = 22;
inline constexpr std::uint8_t float_half = 25;
inline constexpr std::uint8_t float_single = 26;
inline constexpr std::uint8_t float_double = 27;

// IEEE 754 binary16 conversions. `exact_half` returns the half-precision bits
// of `value` when the conversion loses nothing (NaN never converts exactly;
// callers choose its canonical bits themselves).
std::optional<std::uint16_t> exact_half(double value);
double half_to_double(std::uint16_t bits);

class Writer {
public:
  void unsigned_integer(std::uint64_t value);
  // The CBOR negative integer -1 - n.
  void negative_integer(std::uint64_t n);
  // As a plain integer when it fits in 64 bits, else as a tagged bignum.
  void natural(const Natural& value);
  void integer(const Integer& value);
  void byte_string(std::span<const std::uint8_t> bytes);
  void text_string(std::string_view text);
  void array(std::uint64_t length);
  void map(std::uint64_t length);
  void tag(std::uint64_t tag);
  void boolean(bool value);
  void null();
  // The shortest of half, single and double precision that holds `value`
  // exactly; every NaN becomes the half-precision quiet NaN 0x7e00.
  void floating(double value);
  // A whole item encoded earlier, copied as it is.
  void encoded_item(std::span<const std::uint8_t> item);
  // How many bytes were written so far, and they.
  std::size_t size() const { return out_.size(); }
  std::span<const std::uint8_t> bytes() const { return out_; }
  // Forgets what was written (once it has gone elsewhere), keeping the memory.
  void clear() { out_.clear(); }

  std::vector<std::uint8_t> take() && { return std::move(out_); }

private:
  void head(Major major, std::uint64_t argument);
  void raw_big_endian(std::uint64_t value, std::size_t byte_count);

  std::vector<std::uint8_t> out_;
};

// The fixed-size part of an item: major type and its argument (a length, a
// value, a tag number, or for major type 7 the raw float bits or the simple
// value).
struct Head {
  Major major;
  std::uint8_t info; // the low five bits of the initial byte
  std::uint64_t argument;
};

// Reads items one head at a time. Every read checks bounds before it
// allocates, lengths can never exceed the bytes that remain, indefinite
// lengths and reserved encodings are rejected, and text strings must be
// valid UTF-8. Self-describe tags (55799) are skipped wherever an item may
// start. Failures throw Error(ErrorKind::decode).
class Reader {
public:
  explicit Reader(std::span<const std::uint8_t> input) : input_(input) {}

  // The head of the next item, without consuming it.
  Head peek();
  // Consumes the next head, which must be of the given major type, and
  // returns its argument.
  std::uint64_t expect(Major major, std::string_view what);
  // Array and map headers; the length is at most the number of bytes left.
  std::uint64_t array(std::string_view what);
  std::uint64_t map(std::string_view what);
  std::string text(std::string_view what);
  // The same without a copy: a view into the input, valid while it lives.
  std::string_view text_view(std::string_view what);
  std::vector<std::uint8_t> bytes(std::string_view what);
  // A plain unsigned integer or an unsigned bignum.
  Natural natural(std::string_view what);
  // Any of the four CBOR integer forms.
  Integer integer(std::string_view what);
  // Consumes a false/true/null/float head.
  void skip_simple();
  // The bytes of the next whole item (nested items included), without
  // consuming them; malformed heads fail as when reading. Iterative, so a
  // deeply nested item costs no stack.
  std::span<const std::uint8_t> next_item();
  // The next `size` bytes, without consuming them: the extent of an item
  // known from elsewhere (an ArrayIndex).
  std::span<const std::uint8_t> next_bytes(std::size_t size) const;
  // Consumes `item`, which next_item() just returned.
  void skip(std::span<const std::uint8_t> item) { position_ += item.size(); }

  bool at_end() const { return position_ == input_.size(); }
  std::size_t position() const { return position_; }
  [[noreturn]] void fail(std::string_view message) const;

private:
  Head read_head(std::size_t& position) const;
  std::uint64_t remaining() const { return input_.size() - position_; }
  std::span<const std::uint8_t> payload(std::uint64_t length, std::string_view what);
  Natural bignum_magnitude(std::string_view what);

  std::span<const std::uint8_t> input_;
  std::size_t position_ = 0;
};

} // namespace polar::dhall::cbor
