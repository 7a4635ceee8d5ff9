#pragma once
// Rebuilding an expression from new direct subexpressions: the "recursively
// descend into sub-expressions" rules of import resolution.
#include <functional>

#include "syntax/expr.h"

namespace polar::dhall {

using ExprRewrite = std::function<ExprPtr(const ExprPtr&)>;

// `expr` with each direct subexpression `e` replaced by `rewrite(e)`, in
// source order (left to right). Absent optional parts (a Let without
// annotation, an untyped alternative) stay absent. Returns `expr` itself when
// every rewrite returned its argument, so unchanged trees stay shared. The
// headers of a remote import are not subexpressions: they belong to the
// import and are resolved with it.
ExprPtr map_subexpressions(const ExprPtr& expr, const ExprRewrite& rewrite);

// The same along a whole flat chain (syntax/spine.h) in a loop: every
// direct subexpression of every link is rewritten, in source order, except
// the links themselves; the end of the chain is rewritten too. For a node
// that is no link, map_subexpressions.
ExprPtr map_chain(const ExprPtr& expr, const ExprRewrite& rewrite);

// Read-only walks: `visit(child, parent)` on each direct subexpression of
// `expr` (parent `expr`), or, when `expr` starts a flat chain, on each
// direct subexpression of every link but the links themselves, and on the
// end of the chain (parent: the last link), in source order, in a loop.
using ChildVisitor = std::function<void(const ExprPtr& child, const Expr& parent)>;
void for_each_off_chain(const ExprPtr& expr, const ChildVisitor& visit);

} // namespace polar::dhall
