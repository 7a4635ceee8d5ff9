#pragma once
// De Bruijn bookkeeping on syntax trees: whether a variable occurs free, and
// shifting free variables when a binder is added or removed (the standard's
// `shift`, standard/shift.md). What lint needs to drop an unused `let`.
#include <cstdint>
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

// Calls `visit(name, index)` for each occurrence of a free variable
// `name@index` in `expr`, the index as seen from outside `expr` (an index
// beyond 2^64 is reported as UINT64_MAX). One walk of the tree.
void for_each_free_variable(const ExprPtr& expr,
                            const std::function<void(const Label&, std::uint64_t)>& visit);

// `expr` with each free `name@index` (index as seen from outside `expr`)
// turned into name@(index - lower(name, index)); `lower` never returns more
// than `index`. One walk of the tree; unchanged subtrees stay shared.
ExprPtr
lower_free_variables(const ExprPtr& expr,
                     const std::function<std::uint64_t(const Label&, std::uint64_t)>& lower);

// `link` (a node of a flat chain, syntax/spine.h) with its chain child
// `child` and its other children: a let's `annotation` (null if none) and
// value (`other`), an application's argument or an operator's right operand
// (`other`). `link` itself when nothing changed.
ExprPtr rebuilt_link(const ExprPtr& link, const ExprPtr& child, const ExprPtr& annotation,
                     const ExprPtr& other);

// Rewrites a flat chain (syntax/spine.h: lets, operators, applications) in
// a loop rather than one call per link: `rewrite` maps the chain's end and
// each link's other children, then `at_link` each rebuilt link, innermost
// first. For a node that is no link, rewrite(expr). Chains can be any
// length; recursing once per link would overflow the stack.
ExprPtr map_links(const ExprPtr& expr, const std::function<ExprPtr(const ExprPtr&)>& rewrite,
                  const std::function<ExprPtr(const ExprPtr&)>& at_link);

} // namespace polar::dhall
