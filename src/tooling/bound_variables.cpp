#include "tooling/bound_variables.h"

#include "imports/subexpressions.h"

namespace polar::dhall {
namespace {

// The cutoff below a binder of `bound`: one more when it binds `name`.
Natural under(const Label& bound, const Label& name, const Natural& cutoff) {
  return bound == name ? cutoff + Natural(1) : cutoff;
}

} // namespace

bool occurs_free(const Label& name, const Natural& index, const ExprPtr& expr) {
  if (!expr) {
    return false;
  }
  const Node& node = expr->node();
  if (const auto* var = std::get_if<Var>(&node)) {
    return var->name == name && var->index == index;
  }
  if (const auto* lambda = std::get_if<Lambda>(&node)) {
    return occurs_free(name, index, lambda->type) ||
           occurs_free(name, under(lambda->param, name, index), lambda->body);
  }
  if (const auto* pi = std::get_if<Pi>(&node)) {
    return occurs_free(name, index, pi->domain) ||
           occurs_free(name, under(pi->param, name, index), pi->codomain);
  }
  if (const auto* let = std::get_if<Let>(&node)) {
    return occurs_free(name, index, let->annotation) || occurs_free(name, index, let->value) ||
           occurs_free(name, under(let->name, name, index), let->body);
  }
  bool found = false;
  map_subexpressions(expr, [&](const ExprPtr& child) {
    found = found || occurs_free(name, index, child);
    return child;
  });
  return found;
}

ExprPtr shift(int delta, const Label& name, const Natural& cutoff, const ExprPtr& expr) {
  if (!expr) {
    return expr;
  }
  const Node& node = expr->node();
  auto same = [](const ExprPtr& a, const ExprPtr& b) { return a.get() == b.get(); };
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
  if (const auto* let = std::get_if<Let>(&node)) {
    auto annotation = shift(delta, name, cutoff, let->annotation);
    auto value = shift(delta, name, cutoff, let->value);
    auto body = shift(delta, name, under(let->name, name, cutoff), let->body);
    return same(annotation, let->annotation) && same(value, let->value) && same(body, let->body)
               ? expr
               : make_expr(Let{let->name, annotation, value, body}, expr->span());
  }
  return map_subexpressions(
      expr, [&](const ExprPtr& child) { return shift(delta, name, cutoff, child); });
}

} // namespace polar::dhall
