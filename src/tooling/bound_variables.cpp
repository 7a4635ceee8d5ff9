#include "tooling/detail/bound_variables.h"

#include <limits>
#include <optional>
#include <string>
#include <unordered_map>
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

// `link` with its chain child replaced by `child` and its other children by
// `rewrite` of them.
template <typename Rewrite>
ExprPtr relink(const ExprPtr& link, const ExprPtr& child, Rewrite&& rewrite) {
  if (const auto* let = link->as<Let>()) {
    auto annotation = let->annotation ? rewrite(let->annotation) : nullptr;
    auto value = rewrite(let->value);
    return rebuilt_link(link, child, annotation, value);
  }
  if (const auto* app = link->as<App>()) {
    return rebuilt_link(link, child, nullptr, rewrite(app->arg));
  }
  return rebuilt_link(link, child, nullptr, rewrite(std::get<BinOp>(link->node()).rhs));
}

// How many binders of each name enclose the part of a tree being walked.
class LocalBinders {
public:
  void enter(const Label& name) { ++count_[name.str()]; }
  void leave(const Label& name) { --count_[name.str()]; }

  // The index `name@index` has outside the enclosing binders, or nullopt
  // when one of them binds it.
  std::optional<std::uint64_t> outer_index(const Label& name, const Natural& index) const {
    if (!index.fits_uint64()) {
      return std::numeric_limits<std::uint64_t>::max();
    }
    auto found = count_.find(name.str());
    std::uint64_t bound = found == count_.end() ? 0 : found->second;
    if (index.as_uint64() < bound) {
      return std::nullopt;
    }
    return index.as_uint64() - bound;
  }

private:
  std::unordered_map<std::string, std::uint64_t> count_;
};

// The walks of for_each_free_variable and lower_free_variables: recursion
// into nested expressions, a loop along flat chains (which can be any
// length).
class FreeVariableWalk {
public:
  using Visit = std::function<void(const Label&, std::uint64_t)>;
  explicit FreeVariableWalk(const Visit& visit) : visit_(visit) {}

  void walk(const ExprPtr& expr) {
    if (!expr) {
      return;
    }
    if (spine_child(*expr) != nullptr) {
      walk_chain(expr);
      return;
    }
    const Node& node = expr->node();
    if (const auto* var = std::get_if<Var>(&node)) {
      if (auto index = binders_.outer_index(var->name, var->index)) {
        visit_(var->name, *index);
      }
    } else if (const auto* lambda = std::get_if<Lambda>(&node)) {
      walk_binder(lambda->type, lambda->param, lambda->body);
    } else if (const auto* pi = std::get_if<Pi>(&node)) {
      walk_binder(pi->domain, pi->param, pi->codomain);
    } else {
      map_subexpressions(expr, [this](const ExprPtr& child) {
        walk(child);
        return child;
      });
    }
  }

private:
  void walk_binder(const ExprPtr& type, const Label& name, const ExprPtr& body) {
    walk(type);
    binders_.enter(name);
    walk(body);
    binders_.leave(name);
  }

  void walk_chain(const ExprPtr& expr) {
    std::vector<Label> bound;
    ExprPtr at = expr;
    while (const ExprPtr* child = spine_child(*at)) {
      if (const auto* let = at->as<Let>()) {
        walk(let->annotation);
        walk(let->value);
        binders_.enter(let->name);
        bound.push_back(let->name);
      } else if (const auto* app = at->as<App>()) {
        walk(app->arg);
      } else {
        walk(std::get<BinOp>(at->node()).rhs);
      }
      at = *child;
    }
    walk(at);
    for (const Label& name : bound) {
      binders_.leave(name);
    }
  }

  const Visit& visit_;
  LocalBinders binders_;
};

class LoweringWalk {
public:
  using Lower = std::function<std::uint64_t(const Label&, std::uint64_t)>;
  explicit LoweringWalk(const Lower& lower) : lower_(lower) {}

  ExprPtr walk(const ExprPtr& expr) {
    if (!expr) {
      return expr;
    }
    if (spine_child(*expr) != nullptr) {
      return walk_chain(expr);
    }
    const Node& node = expr->node();
    if (const auto* var = std::get_if<Var>(&node)) {
      auto index = binders_.outer_index(var->name, var->index);
      std::uint64_t by = index ? lower_(var->name, *index) : 0;
      return by == 0 ? expr
                     : make_expr(Var{var->name, Natural::truncated_subtract(var->index, by)},
                                 expr->span());
    }
    if (const auto* lambda = std::get_if<Lambda>(&node)) {
      auto type = walk(lambda->type);
      auto body = walk_under(lambda->param, lambda->body);
      return same(type, lambda->type) && same(body, lambda->body)
                 ? expr
                 : make_expr(Lambda{lambda->param, type, body}, expr->span());
    }
    if (const auto* pi = std::get_if<Pi>(&node)) {
      auto domain = walk(pi->domain);
      auto codomain = walk_under(pi->param, pi->codomain);
      return same(domain, pi->domain) && same(codomain, pi->codomain)
                 ? expr
                 : make_expr(Pi{pi->param, domain, codomain}, expr->span());
    }
    return map_subexpressions(expr, [this](const ExprPtr& child) { return walk(child); });
  }

private:
  ExprPtr walk_under(const Label& name, const ExprPtr& body) {
    binders_.enter(name);
    auto result = walk(body);
    binders_.leave(name);
    return result;
  }

  struct Link {
    ExprPtr node;
    ExprPtr annotation;
    ExprPtr other;
  };

  ExprPtr walk_chain(const ExprPtr& expr) {
    std::vector<Link> links;
    std::vector<Label> bound;
    ExprPtr at = expr;
    while (const ExprPtr* child = spine_child(*at)) {
      if (const auto* let = at->as<Let>()) {
        links.push_back({at, walk(let->annotation), walk(let->value)});
        binders_.enter(let->name);
        bound.push_back(let->name);
      } else if (const auto* app = at->as<App>()) {
        links.push_back({at, nullptr, walk(app->arg)});
      } else {
        links.push_back({at, nullptr, walk(std::get<BinOp>(at->node()).rhs)});
      }
      at = *child;
    }
    ExprPtr result = walk(at);
    for (const Label& name : bound) {
      binders_.leave(name);
    }
    for (auto link = links.rbegin(); link != links.rend(); ++link) {
      result = rebuilt_link(link->node, result, link->annotation, link->other);
    }
    return result;
  }

  const Lower& lower_;
  LocalBinders binders_;
};

} // namespace

ExprPtr rebuilt_link(const ExprPtr& link, const ExprPtr& child, const ExprPtr& annotation,
                     const ExprPtr& other) {
  const Node& node = link->node();
  if (const auto* let = std::get_if<Let>(&node)) {
    if (same(annotation, let->annotation) && same(other, let->value) && same(child, let->body)) {
      return link;
    }
    return make_expr(Let{let->name, annotation, other, child}, link->span());
  }
  if (const auto* app = std::get_if<App>(&node)) {
    return same(other, app->arg) && same(child, app->fn)
               ? link
               : make_expr(App{child, other}, link->span());
  }
  const auto& op = std::get<BinOp>(node);
  return same(other, op.rhs) && same(child, op.lhs)
             ? link
             : make_expr(BinOp{op.op, child, other}, link->span());
}

void for_each_free_variable(const ExprPtr& expr,
                            const std::function<void(const Label&, std::uint64_t)>& visit) {
  FreeVariableWalk(visit).walk(expr);
}

ExprPtr
lower_free_variables(const ExprPtr& expr,
                     const std::function<std::uint64_t(const Label&, std::uint64_t)>& lower) {
  return LoweringWalk(lower).walk(expr);
}

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
