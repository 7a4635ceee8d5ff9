#pragma once
// Evaluation, read-back and judgmental equality (normalization by
// evaluation; see docs/evaluation.md). The results agree with the
// substitution-based rules of standard/beta-normalization.md.
//
// The input must be import-free. Evaluation assumes the expression is well
// typed; ill-typed input never crashes but may throw an Error or produce a
// stuck term.
#include <cstdint>
#include <functional>
#include <vector>

#include "semantics/value.h"
#include "syntax/expr.h"

namespace polar::dhall {

// Evaluates `expr` in `env`. Variables not bound by `env` are free neutral
// variables (normalization tests contain such free variables).
ValuePtr eval(const Env& env, const ExprPtr& expr);

// Function application: β-reduces a λ, runs a builtin when it has enough
// arguments, builds a union value from a constructor, and otherwise builds
// a neutral application.
// Call it qualified (`dhall::apply(f, x)`): an unqualified call also finds
// std::apply through ADL on std::shared_ptr and fails to compile.
ValuePtr apply(const ValuePtr& fn, const ValuePtr& arg);
ValuePtr apply(const ValuePtr& fn, const std::vector<ValuePtr>& args);

// Reads a value back as a β-normal expression. `names[i]` is the name bound
// at de Bruijn level i (the binders the value may refer to, outermost
// first); a VVar at level l becomes `name@n` where n counts the binders
// named `name` above level l. Free variables (negative levels) get their
// index shifted past every binder of the same name in `names`.
ExprPtr quote(const ValuePtr& value, const std::vector<Label>& names = {});

// Judgmental equality (standard/equivalence.md): the two values have
// α-equivalent normal forms. `level` is the number of binders in scope
// (the level the next fresh variable gets). Doubles compare by their binary
// encoding: NaN equals NaN, 0.0 differs from -0.0.
bool conv(const ValuePtr& a, const ValuePtr& b, std::int64_t level = 0);

// Convenience entry points on closed (or free-variable) expressions.

// The β-normal form of `expr` (standard/beta-normalization.md).
ExprPtr normalize(const ExprPtr& expr);
// `expr` with every bound variable renamed to `_` (standard/
// alpha-normalization.md). Does not β-normalize.
ExprPtr alpha_normalize(const ExprPtr& expr);
// The same, taking the α-normal form of each subtree `known_closed` knows
// (it returns null for the others) instead of walking into it. Only for
// closed subtrees: those are α-normalized the same way wherever they are.
ExprPtr alpha_normalize(const ExprPtr& expr,
                        const std::function<ExprPtr(const Expr&)>& known_closed);
// Are the two expressions judgmentally equal (β-normalize both, compare
// up to α-equivalence)?
bool equivalent(const ExprPtr& a, const ExprPtr& b);

} // namespace polar::dhall

// API-READY
