#pragma once
// Decoding that leaves the fields of a top-level record for later: the
// dhall-kubernetes package is 2.5 MB of CBOR, a record of about 1,100
// schemas and types, and a render reads a handful (docs/binary.md, "Lazy
// decoding").
#include <cstddef>
#include <optional>
#include <vector>

#include "binary/decode.h"
#include "support/shared_bytes.h"
#include "syntax/expr.h"

namespace polar::dhall {

// Where the fields of an encoded record literal or record type lie: what
// decode_lazily finds by walking every item of the encoding. Kept by the
// build cache next to the type of an integrity-cache entry, so that a warm
// render need not walk the entry again.
struct RecordLayout {
  struct Field {
    Label name;
    std::size_t offset; // of the field's item in the encoding
    std::size_t size;

    bool operator==(const Field&) const = default;
  };
  bool is_type = false;      // a record type, else a record literal
  std::vector<Field> fields; // in the encoding's order

  bool operator==(const RecordLayout&) const = default;
};

// The layout of `bytes`, or nullopt when they encode anything but a record
// literal or record type with distinct fields (or are malformed there).
std::optional<RecordLayout> record_layout(std::span<const std::uint8_t> bytes);

// The expression `bytes` encode. When it is a record literal or a record
// type, its field names are read now and each field's expression is decoded
// when first read (a Deferred node); anything else is decoded at once, as
// decode() does. For bytes a hash vouches for (integrity-cache entries):
// a malformed field throws Error(ErrorKind::decode) only when it is read,
// and, decoded alone, its nesting counts from the field.
ExprPtr decode_lazily(const SharedBytes& bytes);
// The same with the layout record_layout() gave for the same bytes (the
// extents are checked against them, Error(ErrorKind::decode) when outside),
// and the references of a build-cache entry (decode.h) when it has any.
ExprPtr decode_lazily(const SharedBytes& bytes, const RecordLayout& layout,
                      References references = nullptr);

} // namespace polar::dhall
