#pragma once
// CBOR bytes to Dhall expressions (standard/binary.md, "Decoding judgment").
#include <cstddef>
#include <cstdint>
#include <span>

#include "support/shared_bytes.h"
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

// The same for bytes a hash vouches for, leaving the fields of every record
// type for later: each becomes a Deferred node that decodes its own bytes
// this way when first read (lazy_decode.h, docs/binary.md). Types are most
// of a normal form's bytes, and evaluation compares suspended fields by
// their encodings without decoding them.
ExprPtr decode_deferring_record_types(const SharedBytes& bytes);

} // namespace polar::dhall
