#pragma once
// The payloads of build-cache entries (build_cache.h): dependency lists,
// record layouts, and expressions stored so that they decode lazily. Every
// decoder throws Error(ErrorKind::decode) on anything its encoder does not
// write.
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "binary/lazy_decode.h"
#include "imports/detail/build_cache.h"
#include "support/shared_bytes.h"

namespace polar::dhall {

std::vector<std::uint8_t> encode_dependencies(std::span<const BuildDependency> dependencies);
std::vector<BuildDependency> decode_dependencies(std::span<const std::uint8_t> bytes);

// [is_type, [[name, offset, size], ...]], is_type 0 or 1.
std::vector<std::uint8_t> encode_layout(const RecordLayout& layout);
RecordLayout decode_layout(std::span<const std::uint8_t> bytes);

// Appends two sections to `payload`: the encoding of `expr` and, when it is
// a record, its layout (else nothing), so that reading it back decodes the
// record's fields when they are used without walking the encoding first: a
// result that re-exports dhall-kubernetes holds 2.5 MB. A section is its
// length (8 bytes, little endian), then its bytes. Appends nothing and
// returns false when the encoding would take more than `max_bytes`.
bool append_lazily_decodable(std::vector<std::uint8_t>& payload, const Expr& expr,
                             std::size_t max_bytes = std::numeric_limits<std::size_t>::max());
// The expression of two such sections.
ExprPtr decode_lazily_decodable(const SharedBytes& encoding, const SharedBytes& layout);

// The `count` sections `payload` consists of, sharing its bytes.
std::vector<SharedBytes> split_sections(const SharedBytes& payload, std::size_t count);

} // namespace polar::dhall
