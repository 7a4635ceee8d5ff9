#pragma once
// Dhall expressions to CBOR bytes (standard/binary.md, "Encoding judgment").
#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <span>
#include <vector>

#include "syntax/expr.h"

namespace polar::dhall {

// The standard encoding of `expr`. It is canonical: equal expressions encode
// to equal bytes, which is what semantic hashes and the integrity cache rely
// on. Source spans are not encoded.
std::vector<std::uint8_t> encode(const Expr& expr);

// The encoding of a node known from an earlier encode(), or an empty span
// when there is none.
using KnownEncoding = std::function<std::span<const std::uint8_t>(const Expr& node)>;

// The same, copying the encodings `known` has instead of encoding those
// nodes again: the normal form of a package holds the normal forms of the
// imports it pins, and the integrity check of each encodes it (docs/binary.md,
// "Encoding known subtrees"). The bytes are the same either way.
std::vector<std::uint8_t> encode(const Expr& expr, const KnownEncoding& known);

// The standard encoding of `expr` when it takes at most about `max_bytes`
// (it may reach twice that), else nullopt, found without encoding the rest:
// a normal form spells out again every shared part it holds, so a value of
// a few megabytes can have a normal form of hundreds (docs/evaluation.md,
// "Resolved imports stay values").
// With `known` as encode() takes it (a build-cache entry's references, which
// are not the standard's: decode.h).
std::optional<std::vector<std::uint8_t>> encode_within(const Expr& expr, std::size_t max_bytes,
                                                       const KnownEncoding* known = nullptr);

} // namespace polar::dhall
