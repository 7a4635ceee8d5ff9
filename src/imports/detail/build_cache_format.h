#pragma once
// The payloads of build-cache entries (build_cache.h): dependency lists,
// record layouts, and expressions stored so that they decode lazily. Every
// decoder throws Error(ErrorKind::decode) on anything its encoder does not
// write.
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <limits>
#include <map>
#include <span>
#include <vector>

#include "binary/decode.h"
#include "binary/lazy_decode.h"
#include "imports/detail/build_cache.h"
#include "support/shared_bytes.h"

namespace polar::dhall {

// A source entry: [[dependency, ...], result_too_large], the local imports a
// file made and whether its result, for those, was too large to store.
std::vector<std::uint8_t> encode_dependencies(std::span<const BuildDependency> dependencies,
                                              bool result_too_large = false);
std::vector<BuildDependency> decode_dependencies(std::span<const std::uint8_t> bytes,
                                                 bool* result_too_large = nullptr);

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
// The expression of two such sections, with the references it may hold.
ExprPtr decode_lazily_decodable(const SharedBytes& encoding, const SharedBytes& layout,
                                References references = nullptr);

// [reference_label, kind, key]: how an expression refers to another.
std::vector<std::uint8_t> encode_reference(const BuildReference& reference);

// Appends `exprs` for an entry that refers to imports: a section listing
// the entries it needs (the references they hold, and what `target` says
// those need in turn), then two sections for each as
// append_lazily_decodable writes them, where each Embedded node that
// `target` names is written as the reference [reference_label, kind, key]
// (binary/decode.h); sets `needs` (when given) to what the first section
// lists. Appends nothing and returns false when an encoding would take more
// than `max_bytes`.
bool append_referring(std::vector<std::uint8_t>& payload, std::initializer_list<const Expr*> exprs,
                      const ReferenceTarget& target,
                      std::size_t max_bytes = std::numeric_limits<std::size_t>::max(),
                      std::vector<BuildReference>* needs = nullptr);
// The references a section written by append_referring lists.
std::vector<BuildReference> decode_references(std::span<const std::uint8_t> bytes);
// The lookup that gives what `node` makes of each reference the decoder
// meets (null for an unknown one: a decode error).
References reference_lookup(std::function<ExprPtr(const BuildReference&)> node);

// The `count` sections `payload` consists of, sharing its bytes.
std::vector<SharedBytes> split_sections(const SharedBytes& payload, std::size_t count);

// Lengths and counts in entries and bundles: 8 bytes, little endian.
constexpr std::size_t number_size = 8;
inline void append_number(std::vector<std::uint8_t>& bytes, std::uint64_t number) {
  for (std::size_t byte = 0; byte < number_size; ++byte) {
    bytes.push_back(static_cast<std::uint8_t>(number >> (8 * byte)));
  }
}
// The number at the start of `bytes`, which holds at least number_size.
inline std::uint64_t number_at(std::span<const std::uint8_t> bytes) {
  std::uint64_t number = 0;
  for (std::size_t byte = 0; byte < number_size; ++byte) {
    number |= std::uint64_t{bytes[byte]} << (8 * byte);
  }
  return number;
}

} // namespace polar::dhall
