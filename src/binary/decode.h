#pragma once
// CBOR bytes to Dhall expressions (standard/binary.md, "Decoding judgment").
#include <cstddef>
#include <cstdint>
#include <span>

#include "syntax/expr.h"

namespace polar::dhall {

// How deeply expressions may nest in a decoded file. Deeper input is
// rejected with an error instead of exhausting the stack; real expressions
// (whose applications and lets are flat in CBOR) stay far below it.
inline constexpr std::size_t max_decode_depth = 1000;

// Decodes one complete expression; trailing bytes are an error. The input is
// untrusted: anything malformed, non-standard or too deep throws
// Error(ErrorKind::decode), and allocation is bounded by the input's size.
ExprPtr decode(std::span<const std::uint8_t> bytes);

} // namespace polar::dhall
