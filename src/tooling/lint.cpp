#include "tooling/lint.h"

#include <optional>
#include <utility>
#include <vector>

#include "imports/subexpressions.h"
#include "syntax/spine.h"
#include "tooling/detail/bound_variables.h"
#include "tooling/detail/unused_lets.h"

namespace polar::dhall {
namespace {

bool is_equivalence(const ExprPtr& expr) {
  const auto* op = expr->as<BinOp>();
  return op != nullptr && op->op == Op::equivalent;
}

ExprPtr assertion(const ExprPtr& equivalence) {
  return make_expr(Assert{equivalence}, equivalence->span());
}

// The rewrites at the root of `expr` that need no scope (its children are
// rewritten already), or nullopt when none applies.
std::optional<ExprPtr> rewrite_form(const ExprPtr& expr) {
  if (const auto* let = expr->as<Let>()) {
    bool value = is_equivalence(let->value);
    bool body = is_equivalence(let->body);
    if (!value && !body) {
      return std::nullopt;
    }
    return make_expr(Let{let->name, let->annotation, value ? assertion(let->value) : let->value,
                         body ? assertion(let->body) : let->body},
                     expr->span());
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

ExprPtr rewrite_root(const ExprPtr& expr) {
  auto rewritten = rewrite_form(expr);
  return rewritten ? *rewritten : expr;
}

// Bottom-up: the asserts and imports. A rewrite creates nothing new to
// rewrite: an assert wraps an equivalence already rewritten.
ExprPtr rewrite_forms(const ExprPtr& expr) {
  if (spine_child(*expr) != nullptr) {
    return map_links(expr, rewrite_forms, rewrite_root);
  }
  return rewrite_root(map_subexpressions(expr, rewrite_forms));
}

} // namespace

// The unused lets go last: an assert added first keeps its let, as the
// rewrites applied together bottom-up would (a let's own rewrites come
// before the one that removes it, and removing a let never makes an
// equivalence the body of another).
ExprPtr lint(const ExprPtr& expr) {
  return remove_unused_lets(rewrite_forms(expr));
}

} // namespace polar::dhall
