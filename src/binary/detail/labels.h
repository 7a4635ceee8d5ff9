#pragma once
// The integers binary.md puts first in the CBOR array of each kind of
// expression ("labels"), and the codes inside imports. Shared by the encoder
// and the decoder; internal to the binary module.
#include <cstdint>

namespace polar::dhall::binary_label {

enum class Expression : std::uint8_t {
  application = 0,
  lambda = 1,
  pi = 2,
  operator_ = 3,
  list = 4,
  some = 5,
  merge = 6,
  record_type = 7,
  record_literal = 8,
  field = 9,
  projection = 10,
  union_type = 11,
  // 12 (union literals) and 13 (`constructors`) are obsolete.
  if_ = 14,
  natural = 15,
  integer = 16,
  text = 18,
  assert_ = 19,
  import = 24,
  let = 25,
  annotation = 26,
  to_map = 27,
  empty_list = 28,
  with = 29,
  date = 30,
  time = 31,
  time_zone = 32,
  bytes = 33,
  show_constructor = 34,
};

// The import's location kind, right after the import mode.
enum class ImportKind : std::uint8_t {
  http = 0,
  https = 1,
  absolute = 2,
  here = 3,
  parent = 4,
  home = 5,
  env = 6,
  missing = 7,
};

// Multihash prefix of an integrity check: SHA-256 (0x12), 32 bytes (0x20).
inline constexpr std::uint8_t multihash_sha256 = 0x12;
inline constexpr std::uint8_t multihash_length = 0x20;

// `with` path component standing for `?`.
inline constexpr std::uint8_t with_descend_optional = 0;

} // namespace polar::dhall::binary_label
