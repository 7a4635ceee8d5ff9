#pragma once
// Resolved imports as values: the node an import resolves to holds the value
// the imported expression evaluates to and its type, so that every importer
// shares one value, evaluation returns it and type checking trusts the type,
// and nothing is read back as syntax unless bytes or text are needed
// (docs/evaluation.md, "Resolved imports").
#include <limits>
#include <memory>

#include "semantics/value.h"
#include "syntax/expr.h"

namespace polar::dhall {

// What an Embedded node stands for. Its value is closed (imports are checked
// in the empty context), so it reads back to the same syntax wherever it
// occurs, even under binders: quote() takes an embedded value's syntax from
// here instead of reading the value back again.
class EmbeddedValue final : public Embedding, public std::enable_shared_from_this<EmbeddedValue> {
public:
  EmbeddedValue(ValuePtr value, ValuePtr type, ExprPtr syntax);
  ~EmbeddedValue() override;

  const ValuePtr& value() const { return value_; }
  const ValuePtr& type() const { return type_; }
  const ExprPtr& syntax() const override;
  bool has_syntax() const override { return syntax_ != nullptr; }
  // Whether syntax() holds the syntax of other embeddings (the value holds
  // imported values), as far as known: false when the syntax was given.
  bool holds_imports() const { return holds_imports_; }
  // A new Embedded node for this embedding.
  ExprPtr node() const;

private:
  ValuePtr value_;
  ValuePtr type_;
  mutable ExprPtr syntax_; // null until read back (or given)
  mutable bool holds_imports_ = false;
};

// A node standing for the closed, well-typed `value` of type `type`.
// `syntax`, when known already (decoded from a cache), is its β-normal form;
// otherwise it is read back from `value` when first needed.
ExprPtr embed(ValuePtr value, ValuePtr type, ExprPtr syntax = nullptr, Span span = {});
// The embedding `expr` stands for, or null when it is not an Embedded node.
const EmbeddedValue* embedded_value(const Expr& expr);

// The closed `value` read back as quote() does, except that the values of
// live embeddings other than `self` in it stay their Embedded nodes instead
// of being spelled out: what a build-cache entry holds, referring to the
// imports it contains rather than repeating their normal forms
// (docs/evaluation.md, "Build-cache entries refer to imports"). Such a tree
// is encoded for the cache, not used as a normal form.
// Null when the tree would have more than `max_nodes` nodes: the read-back
// stops there, before forcing the rest of a value too large to store
// (each node encodes to at least one byte).
ExprPtr
quote_referring_to_embeddings(const ValuePtr& value, const Value* self = nullptr,
                              std::size_t max_nodes = std::numeric_limits<std::size_t>::max());

namespace detail {
// The embedding whose value is `value`, or null. For quote().
const EmbeddedValue* embedding_of(const Value* value);
} // namespace detail

} // namespace polar::dhall
