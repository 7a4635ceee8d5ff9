#pragma once
// Type inference (standard/type-inference.md), built on the evaluator: types
// are Values, annotations are evaluated with eval() and types are compared
// with conv(). See docs/type-checking.md.
#include <unordered_map>

#include "semantics/value.h"
#include "syntax/expr.h"

namespace polar::dhall {

// Closed expressions already known to be well typed, with their types: an
// import resolver records each imported expression here once it has checked
// it, so that checking the importing expression trusts those subtrees
// instead of inferring them again. Entries are matched by identity (the same
// ExprPtr), never by structure.
class KnownTypes {
public:
  // `closed` must have no free variables and `type` must be its type.
  // `value`, when given, is its evaluation (eval(Env{}, closed) or of any
  // expression it is the normal form of): the checker then uses it instead
  // of evaluating `closed` again, e.g. for `let k8s = <import> in …`.
  void add(ExprPtr closed, ValuePtr type, ValuePtr value = nullptr);
  // The recorded type of this very node, or null.
  ValuePtr find(const Expr& expr) const;
  // The value of this very node (evaluated on the first request when add
  // was given none), or null when the node is unknown.
  ValuePtr find_value(const Expr& expr) const;

private:
  struct Entry {
    ExprPtr expr; // kept alive so its address is never reused
    ValuePtr type;
    mutable ValuePtr value; // null until given or first requested
  };
  std::unordered_map<const Expr*, Entry> entries_;
};

// The type of a closed, import-free expression as a Value (in normal form
// once quoted). Throws Error(ErrorKind::type, ...) naming the rule that
// failed, with the span of the offending sub-expression.
ValuePtr infer_type(const ExprPtr& expr, const KnownTypes* known = nullptr);

// The type of a closed, import-free expression, in normal form. Throws
// Error(ErrorKind::type, ...).
ExprPtr type_of(const ExprPtr& expr);

} // namespace polar::dhall
