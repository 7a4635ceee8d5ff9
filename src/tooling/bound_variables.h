#pragma once
// De Bruijn bookkeeping on syntax trees: whether a variable occurs free, and
// shifting free variables when a binder is added or removed (the standard's
// `shift`, standard/shift.md). What lint needs to drop an unused `let`.
#include <functional>

#include "syntax/expr.h"

namespace polar::dhall {

// Whether `name@index` occurs free in `expr`.
bool occurs_free(const Label& name, const Natural& index, const ExprPtr& expr);

// `expr` with every free `name@i` where i >= `cutoff` turned into
// name@(i + delta); `delta` is +1 or -1 (a -1 shift never meets index
// `cutoff` itself when the caller checked occurs_free first). Unchanged
// subtrees stay shared.
ExprPtr shift(int delta, const Label& name, const Natural& cutoff, const ExprPtr& expr);

// Rewrites a flat chain (syntax/spine.h: lets, operators, applications) in
// a loop rather than one call per link: `rewrite` maps the chain's end and
// each link's other children, then `at_link` each rebuilt link, innermost
// first. For a node that is no link, rewrite(expr). Chains can be any
// length; recursing once per link would overflow the stack.
ExprPtr map_links(const ExprPtr& expr, const std::function<ExprPtr(const ExprPtr&)>& rewrite,
                  const std::function<ExprPtr(const ExprPtr&)>& at_link);

} // namespace polar::dhall
