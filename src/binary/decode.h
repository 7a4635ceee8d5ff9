#pragma once
// CBOR bytes to Dhall expressions (standard/binary.md, "Decoding judgment").
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>

#include "support/shared_bytes.h"
#include "syntax/expr.h"

namespace polar::dhall {

// How deeply expressions may nest in a decoded file. Deeper input is
// rejected with an error instead of exhausting the stack; real expressions
// (whose applications and lets are flat in CBOR) stay far below it.
inline constexpr std::size_t max_decode_depth = 1000;

// Not the standard's: build-cache entries (imports/build_cache_format.h)
// hold, where an expression goes, references `[reference_label, kind, key]`
// to expressions stored elsewhere, and the lookup gives the expression a
// reference stands for (null when it knows none: a decode error). Equal
// references must stand for equal expressions wherever they occur, since
// equal encodings are taken as equal expressions (docs/binary.md). Without a
// lookup the label is unknown, as the standard says.
inline constexpr std::uint64_t reference_label = 250;
using ReferenceLookup =
    std::function<ExprPtr(std::uint64_t kind, std::span<const std::uint8_t> key)>;
// Shared by the fields decoded later (lazy_decode.h), which may outlive
// whoever made it.
using References = std::shared_ptr<const ReferenceLookup>;

// Decodes one complete expression; trailing bytes are an error. The input is
// untrusted: anything malformed, non-standard or too deep throws
// Error(ErrorKind::decode), and allocation is bounded by the input's size.
ExprPtr decode(std::span<const std::uint8_t> bytes, References references = nullptr);

// The same for bytes a hash vouches for, leaving the fields of every record
// type for later: each becomes a Deferred node that decodes its own bytes
// this way when first read (lazy_decode.h, docs/binary.md). Types are most
// of a normal form's bytes, and evaluation compares suspended fields by
// their encodings without decoding them.
ExprPtr decode_deferring_record_types(const SharedBytes& bytes, References references = nullptr);

} // namespace polar::dhall
