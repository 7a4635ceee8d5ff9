#pragma once
// The α-β-normal form of a closed value read back a piece at a time: the
// records, lists, `Some`s and union constructors applied at its top (no
// binder in them) as events, and
// below them each piece of syntax on its own, dropped once it is taken. A
// render whose normal form is 190 MB is hashed without ever holding it
// (docs/evaluation.md, "Hashing a shared graph").
#include <cstddef>

#include "semantics/value.h"
#include "syntax/expr.h"

namespace polar::dhall {

class NormalFormPieces {
public:
  virtual ~NormalFormPieces() = default;
  // A record literal of `size` fields follows: for each, in the order of
  // its labels, field() and then the field's value.
  virtual void record_literal(std::size_t size) = 0;
  virtual void field(Label name) = 0;
  // A list literal of `size` items (at least one) follows, item by item.
  virtual void list_literal(std::size_t size) = 0;
  // `Some` of what follows.
  virtual void some() = 0;
  // The alternative `tag` of `union_type` (a whole piece) applied to what
  // follows.
  virtual void injection(const ExprPtr& union_type, Label tag) = 0;
  // A whole piece: the α-β-normal form of one part of the value. The same
  // node for a value met again while the walk lasts; otherwise it may be
  // gone after the call.
  virtual void piece(const ExprPtr& normal_form) = 0;
};

// Reads the closed `value` back into `pieces`: together they are
// alpha_normalize(quote(value)), in order.
void read_back_in_pieces(const ValuePtr& value, NormalFormPieces& pieces);

} // namespace polar::dhall
