#pragma once
// Flat chains: `let a = … let b = … in e`, `a + b + c`, `f x y z`. Each is
// a tree as deep as it is long (Let.body, BinOp.lhs and App.fn nest), but
// nothing about it is nested for the reader, and Dhall programs write them
// thousands long. The passes that walk trees follow a chain in a loop
// instead of recursing once per link, and depth limits count only the
// children off the chain (docs/parser.md, "Hostile input").
#include "syntax/expr.h"

namespace polar::dhall {

// The child that continues the chain at `expr`: the body of a let, the
// left operand of an operator (but not of the import alternative `?`, which
// the resolver takes apart itself), the function of an application. Null
// for every other node.
inline const ExprPtr* spine_child(const Expr& expr) {
  const Node& node = expr.node();
  if (const auto* let = std::get_if<Let>(&node)) {
    return &let->body;
  }
  if (const auto* app = std::get_if<App>(&node)) {
    return &app->fn;
  }
  if (const auto* op = std::get_if<BinOp>(&node); op != nullptr && op->op != Op::import_alt) {
    return &op->lhs;
  }
  return nullptr;
}

} // namespace polar::dhall
