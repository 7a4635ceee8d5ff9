#include "tooling/bound_variables.h"

#include <utility>
#include <vector>

#include "imports/subexpressions.h"
#include "syntax/spine.h"

namespace polar::dhall {
namespace {

// The index `name@index` has below a binder of `bound`: one more when it
// binds the same name.
Natural under(const Label& bound, const Label& name, const Natural& index) {
  return bound == name ? index + Natural(1) : index;
}

bool same(const ExprPtr& a, const ExprPtr& b) {
  return a.get() == b.get();
}

// `link` (a node of a flat chain, syntax/spine.h) with its chain child
// replaced by `child` and its other children by `rewrite` of them.
template <typename Rewrite>
ExprPtr relink(const ExprPtr& link, const ExprPtr& child, Rewrite&& rewrite) {
  const Node& node = link->node();
  if (const auto* let = std::get_if<Let>(&node)) {
    auto annotation = let->annotation ? rewrite(let->annotation) : nullptr;
    auto value = rewrite(let->value);
    if (same(annotation, let->annotation) && same(value, let->value) && same(child, let->body)) {
      return link;
    }
    return make_expr(Let{let->name, annotation, value, child}, link->span());
  }
  if (const auto* app = std::get_if<App>(&node)) {
    auto arg = rewrite(app->arg);
    return same(arg, app->arg) && same(child, app->fn) ? link
                                                       : make_expr(App{child, arg}, link->span());
  }
  const auto& op = std::get<BinOp>(node);
  auto rhs = rewrite(op.rhs);
  return same(rhs, op.rhs) && same(child, op.lhs)
             ? link
             : make_expr(BinOp{op.op, child, rhs}, link->span());
}

} // namespace

bool occurs_free(const Label& name, const Natural& index, const ExprPtr& root) {
  // An explicit stack: flat chains can be any length (syntax/spine.h).
  std::vector<std::pair<ExprPtr, Natural>> pending{{root, index}};
  while (!pending.empty()) {
    auto [expr, at] = std::move(pending.back());
    pending.pop_back();
    if (!expr) {
      continue;
    }
    const Node& node = expr->node();
    if (const auto* var = std::get_if<Var>(&node)) {
      if (var->name == name && var->index == at) {
        return true;
      }
    } else if (const auto* lambda = std::get_if<Lambda>(&node)) {
      pending.emplace_back(lambda->type, at);
      pending.emplace_back(lambda->body, under(lambda->param, name, at));
    } else if (const auto* pi = std::get_if<Pi>(&node)) {
      pending.emplace_back(pi->domain, at);
      pending.emplace_back(pi->codomain, under(pi->param, name, at));
    } else if (const auto* let = std::get_if<Let>(&node)) {
      pending.emplace_back(let->annotation, at);
      pending.emplace_back(let->value, at);
      pending.emplace_back(let->body, under(let->name, name, at));
    } else {
      // An init-capture: clang before 16 cannot capture a structured binding.
      map_subexpressions(expr, [&pending, &index_here = at](const ExprPtr& child) {
        pending.emplace_back(child, index_here);
        return child;
      });
    }
  }
  return false;
}

ExprPtr shift(int delta, const Label& name, const Natural& cutoff, const ExprPtr& expr) {
  if (!expr) {
    return expr;
  }
  // A flat chain is followed in a loop, then rebuilt from its end.
  if (spine_child(*expr) != nullptr) {
    std::vector<std::pair<ExprPtr, Natural>> links;
    ExprPtr at = expr;
    Natural link_cutoff = cutoff;
    while (const ExprPtr* child = spine_child(*at)) {
      links.emplace_back(at, link_cutoff);
      if (const auto* let = at->as<Let>()) {
        link_cutoff = under(let->name, name, link_cutoff);
      }
      at = *child;
    }
    ExprPtr result = shift(delta, name, link_cutoff, at);
    for (auto link = links.rbegin(); link != links.rend(); ++link) {
      result = relink(link->first, result, [&](const ExprPtr& child) {
        return shift(delta, name, link->second, child);
      });
    }
    return result;
  }
  const Node& node = expr->node();
  if (const auto* var = std::get_if<Var>(&node)) {
    if (var->name != name || var->index < cutoff) {
      return expr;
    }
    Natural index =
        delta > 0 ? var->index + Natural(1) : Natural::truncated_subtract(var->index, Natural(1));
    return make_expr(Var{var->name, index}, expr->span());
  }
  if (const auto* lambda = std::get_if<Lambda>(&node)) {
    auto type = shift(delta, name, cutoff, lambda->type);
    auto body = shift(delta, name, under(lambda->param, name, cutoff), lambda->body);
    return same(type, lambda->type) && same(body, lambda->body)
               ? expr
               : make_expr(Lambda{lambda->param, type, body}, expr->span());
  }
  if (const auto* pi = std::get_if<Pi>(&node)) {
    auto domain = shift(delta, name, cutoff, pi->domain);
    auto codomain = shift(delta, name, under(pi->param, name, cutoff), pi->codomain);
    return same(domain, pi->domain) && same(codomain, pi->codomain)
               ? expr
               : make_expr(Pi{pi->param, domain, codomain}, expr->span());
  }
  return map_subexpressions(
      expr, [&](const ExprPtr& child) { return shift(delta, name, cutoff, child); });
}

ExprPtr map_links(const ExprPtr& expr, const std::function<ExprPtr(const ExprPtr&)>& rewrite,
                  const std::function<ExprPtr(const ExprPtr&)>& at_link) {
  std::vector<ExprPtr> links;
  ExprPtr at = expr;
  while (const ExprPtr* child = spine_child(*at)) {
    links.push_back(at);
    at = *child;
  }
  ExprPtr result = rewrite(at);
  for (auto link = links.rbegin(); link != links.rend(); ++link) {
    result = at_link(relink(*link, result, rewrite));
  }
  return result;
}

} // namespace polar::dhall
