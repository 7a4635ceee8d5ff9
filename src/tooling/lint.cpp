#include "tooling/lint.h"

#include <optional>
#include <utility>
#include <vector>

#include "imports/subexpressions.h"
#include "syntax/spine.h"
#include "tooling/bound_variables.h"

namespace polar::dhall {
namespace {

bool is_equivalence(const ExprPtr& expr) {
  const auto* op = expr->as<BinOp>();
  return op != nullptr && op->op == Op::equivalent;
}

bool contains_assert(const ExprPtr& root) {
  // An explicit stack: flat chains can be any length (syntax/spine.h).
  std::vector<ExprPtr> pending{root};
  while (!pending.empty()) {
    ExprPtr expr = std::move(pending.back());
    pending.pop_back();
    if (!expr) {
      continue;
    }
    if (expr->is<Assert>()) {
      return true;
    }
    map_subexpressions(expr, [&](const ExprPtr& child) {
      pending.push_back(child);
      return child;
    });
  }
  return false;
}

ExprPtr assertion(const ExprPtr& equivalence) {
  return make_expr(Assert{equivalence}, equivalence->span());
}

// One rewrite at the root of `expr`, or nullopt when none applies.
std::optional<ExprPtr> rewrite_once(const ExprPtr& expr) {
  if (const auto* let = expr->as<Let>()) {
    if (is_equivalence(let->value)) {
      return make_expr(Let{let->name, let->annotation, assertion(let->value), let->body},
                       expr->span());
    }
    if (is_equivalence(let->body)) {
      return make_expr(Let{let->name, let->annotation, let->value, assertion(let->body)},
                       expr->span());
    }
    if (!contains_assert(let->value) && !occurs_free(let->name, Natural(0), let->body)) {
      return shift(-1, let->name, Natural(0), let->body);
    }
    return std::nullopt;
  }
  if (const auto* import = expr->as<Import>()) {
    const auto* local = std::get_if<LocalImport>(&import->target);
    if (local != nullptr && local->prefix == FilePrefix::here && !local->directory.empty() &&
        local->directory.front() == "..") {
      Import parent = *import;
      auto& target = std::get<LocalImport>(parent.target);
      target.prefix = FilePrefix::parent;
      target.directory.erase(target.directory.begin());
      return make_expr(std::move(parent), expr->span());
    }
  }
  return std::nullopt;
}

// Applies the rewrites at the root of `expr`, whose children are linted,
// until none applies. A rewrite creates nothing new to rewrite below the
// root: removing an unused let only renumbers variables, and an assert
// wraps an equivalence already linted.
ExprPtr rewrite_root(ExprPtr expr) {
  while (auto rewritten = rewrite_once(expr)) {
    expr = std::move(*rewritten);
  }
  return expr;
}

} // namespace

ExprPtr lint(const ExprPtr& expr) {
  if (spine_child(*expr) != nullptr) {
    return map_links(expr, lint, rewrite_root);
  }
  return rewrite_root(map_subexpressions(expr, lint));
}

} // namespace polar::dhall
