#pragma once
// Dhall expressions to CBOR bytes (standard/binary.md, "Encoding judgment").
#include <cstdint>
#include <vector>

#include "syntax/expr.h"

namespace polar::dhall {

// The standard encoding of `expr`. It is canonical: equal expressions encode
// to equal bytes, which is what semantic hashes and the integrity cache rely
// on. Source spans are not encoded.
std::vector<std::uint8_t> encode(const Expr& expr);

} // namespace polar::dhall
