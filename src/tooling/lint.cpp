#include "tooling/lint.h"

#include <optional>

#include "imports/subexpressions.h"
#include "tooling/bound_variables.h"

namespace polar::dhall {
namespace {

bool is_equivalence(const ExprPtr& expr) {
  const auto* op = expr->as<BinOp>();
  return op != nullptr && op->op == Op::equivalent;
}

bool contains_assert(const ExprPtr& expr) {
  if (!expr) {
    return false;
  }
  if (expr->is<Assert>()) {
    return true;
  }
  bool found = false;
  map_subexpressions(expr, [&](const ExprPtr& child) {
    found = found || contains_assert(child);
    return child;
  });
  return found;
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

} // namespace

ExprPtr lint(const ExprPtr& expr) {
  ExprPtr result = map_subexpressions(expr, lint);
  // A rewrite can make another apply (removing a let exposes the next one):
  // the result is linted again, as dhall-haskell's rewriteOf does.
  if (auto rewritten = rewrite_once(result)) {
    return lint(*rewritten);
  }
  return result;
}

} // namespace polar::dhall
