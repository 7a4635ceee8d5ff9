#pragma once
// Internals shared by the evaluator's source files (not part of the API).
#include <algorithm>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "semantics/value.h"
#include "syntax/expr.h"

namespace polar::dhall::detail {

// Bounds the recursion depth of eval, quote and conv so that hostile input
// (a term nested 100 000 deep) ends in a clean Error instead of a stack
// overflow. One guard per recursive step.
class DepthGuard {
public:
  DepthGuard();
  ~DepthGuard();
  DepthGuard(const DepthGuard&) = delete;
  DepthGuard& operator=(const DepthGuard&) = delete;
};

// Tells whether the part of a walk it spans is closed: a walk that binds
// variables at depths (quote's levels, α-normalization's binder positions)
// keeps in `lowest` the outermost depth a variable met refers to (negative
// for a free one), and a part whose variables all refer to depths at or
// below where it starts reads the same wherever it occurs, so it may be
// remembered by address (docs/evaluation.md, "Hashing a shared graph").
class ClosedPart {
public:
  ClosedPart(std::int64_t& lowest, std::int64_t depth)
      : lowest_(lowest), depth_(depth), outer_(lowest) {
    lowest_ = depth;
  }
  ~ClosedPart() { lowest_ = std::min(outer_, lowest_); }
  ClosedPart(const ClosedPart&) = delete;
  ClosedPart& operator=(const ClosedPart&) = delete;
  bool closed() const { return lowest_ >= depth_; }
  // The outermost depth a variable of the part refers to so far.
  std::int64_t lowest() const { return lowest_; }

private:
  std::int64_t& lowest_;
  std::int64_t depth_;
  std::int64_t outer_;
};

// While one is alive, record types are evaluated with all their fields at
// once instead of suspended ones. quote and conv hold one: they read every
// field type they reach, so a suspension made on their behalf would be
// forced straight away, and building a type whole is cheaper and keeps its
// parts close in memory (docs/evaluation.md, "Lazy record fields"). Record
// literals stay lazy: what quote or conv evaluates may select one field of
// a large record.
class EagerRecordTypes {
public:
  EagerRecordTypes();
  ~EagerRecordTypes();
  EagerRecordTypes(const EagerRecordTypes&) = delete;
  EagerRecordTypes& operator=(const EagerRecordTypes&) = delete;

private:
  bool outer_;
};

// Judgmental equality usable from inside evaluation, where the number of
// binders in scope is unknown: fresh variables come from a process-wide
// counter far above any level a caller assigns.
bool conv_during_eval(const ValuePtr& a, const ValuePtr& b);

// Reads back the value of an embedding (semantics/embedded.h) itself: as
// quote(), except that `value` is not replaced by its embedding's syntax,
// which is what is being computed. Sets `holds_embedded` when the result
// holds the syntax of other embeddings.
ExprPtr quote_embedded(const ValuePtr& value, bool& holds_embedded);
// As quote(), for syntax that is only evaluated again (the closures the type
// checker builds): the value of an embedding reads back as an Embedded node,
// which evaluates to that very value, instead of as its syntax, which would
// evaluate to a copy.
ExprPtr quote_keeping_embeddings(const ValuePtr& value, const std::vector<Label>& names);

// The value of `expr` when it is a record or union type literal of syntax
// that was not parsed (no source span) in which no variable occurs (built
// of builtins, constants, imports and such literals), evaluated once per
// node and thread; null otherwise. Such a
// literal has the same value in every environment, and a decoded normal
// form spells out an imported type wherever it occurs (`None EnvVarSource`
// in each `EnvVar` of a module), as one node: its value is then shared as
// the import's was (docs/evaluation.md, "Spelled-out types").
ValuePtr closed_type_literal(const ExprPtr& expr);

// How many arguments a builtin takes before it can compute (type formers
// such as `List` count their type argument).
std::size_t builtin_arity(Builtin builtin);
// Runs a builtin now holding exactly builtin_arity() arguments; returns the
// stuck VBuiltin when an argument is not concrete enough.
ValuePtr run_builtin(Builtin builtin, std::vector<ValuePtr> args);

// Operators (operators.cpp). `op` is not import_alt.
ValuePtr eval_operator(Op op, const ValuePtr& lhs, const ValuePtr& rhs);
ValuePtr combine(const ValuePtr& lhs, const ValuePtr& rhs);
ValuePtr prefer(const ValuePtr& lhs, const ValuePtr& rhs);
ValuePtr combine_types(const ValuePtr& lhs, const ValuePtr& rhs);
ValuePtr list_append(const ValuePtr& lhs, const ValuePtr& rhs);
ValuePtr natural_plus(const ValuePtr& lhs, const ValuePtr& rhs);

// Record and union eliminators (records.cpp).
ValuePtr select_field(const ValuePtr& record, Label name);
ValuePtr project(const ValuePtr& record, std::vector<Label> labels);
ValuePtr project_by_type(const ValuePtr& record, const ValuePtr& type);
ValuePtr update_with(const ValuePtr& record, std::span<const WithStep> path, const ValuePtr& value);
ValuePtr merge(const ValuePtr& handlers, const ValuePtr& union_value, const ValuePtr& type);
ValuePtr to_map(const ValuePtr& record, const ValuePtr& type);
ValuePtr show_constructor(const ValuePtr& value);

// Builds a normal Text value: nested text literals are spliced in, and a
// lone interpolation `"${x}"` is just x.
class TextBuilder {
public:
  void append(std::string_view text) { pending_ += text; }
  void append(const ValuePtr& value);
  ValuePtr build();

private:
  std::vector<VTextChunk> chunks_;
  std::string pending_;
};

} // namespace polar::dhall::detail
