#pragma once
// Dhall expressions to CBOR bytes (standard/binary.md, "Encoding judgment").
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <vector>

#include "binary/encoding.h"
#include "syntax/expr.h"

namespace polar::dhall {

// The standard encoding of `expr`. It is canonical: equal expressions encode
// to equal bytes, which is what semantic hashes and the integrity cache rely
// on. Source spans are not encoded.
std::vector<std::uint8_t> encode(const Expr& expr);

// The encoding of a node known from elsewhere (an earlier encode_shared(),
// a build-cache reference), or null when there is none.
using KnownEncoding = std::function<EncodingPtr(const Expr& node)>;

// The same held as the expression is (binary/encoding.h): each shared node
// (held by more than one pointer) is encoded once, as an encoding of its
// own, and spliced in wherever it occurs; so is each node `known` has an
// encoding for, which is then not encoded again: the normal form of a
// package holds the normal forms of the imports it pins, and the integrity
// check of each encodes it (docs/binary.md, "Encoding known subtrees").
// The bytes are the same either way.
EncodingPtr encode_shared(const Expr& expr, const KnownEncoding* known = nullptr);

// The same streamed into `sink` as it is made: only the encodings of shared
// nodes are held, so a normal form that spells out gigabytes of shared
// parts is hashed in the memory its parts take (docs/binary.md, "Encodings
// stream").
void encode_to(const Expr& expr, ByteSink& sink, const KnownEncoding* known = nullptr);

namespace detail {
class Encoder;
} // namespace detail

// Streams into a sink the encoding of an expression read back in pieces
// (semantics/normal_form_pieces.h): the heads of the record, list and
// `Some` literals and union constructors above the pieces, then each piece,
// encoded as encode_to() does.
class PieceEncoder {
public:
  explicit PieceEncoder(ByteSink& sink);
  PieceEncoder(const PieceEncoder&) = delete;
  PieceEncoder& operator=(const PieceEncoder&) = delete;
  ~PieceEncoder();

  // A record literal of `size` fields: then, for each in label order, its
  // name and its value.
  void record_literal(std::size_t size);
  void field(Label name);
  // A list literal of `size` items (at least one), which follow.
  void list_literal(std::size_t size);
  // `Some` of what follows.
  void some();
  // The alternative `tag` of `union_type` applied to what follows.
  void injection(const ExprPtr& union_type, Label tag);
  // A whole expression. Its shared parts are remembered while they live:
  // a piece that is gone leaves nothing behind.
  void piece(const ExprPtr& expr);
  // Hands the sink what it has not had yet.
  void finish();

private:
  std::unique_ptr<detail::Encoder> encoder_;
};

// The standard encoding of `expr` when it takes at most about `max_bytes`
// (it may reach twice that), else nullopt, found without encoding the rest:
// a normal form spells out again every shared part it holds, so a value of
// a few megabytes can have a normal form of hundreds (docs/evaluation.md,
// "Resolved imports stay values").
// With `known` as encode_shared() takes it (a build-cache entry's
// references, which are not the standard's: decode.h).
std::optional<std::vector<std::uint8_t>> encode_within(const Expr& expr, std::size_t max_bytes,
                                                       const KnownEncoding* known = nullptr);

} // namespace polar::dhall
