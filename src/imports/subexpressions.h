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

} // namespace polar::dhall
