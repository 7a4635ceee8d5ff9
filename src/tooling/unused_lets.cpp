#include "tooling/detail/unused_lets.h"

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "imports/subexpressions.h"
#include "syntax/spine.h"
#include "tooling/detail/bound_variables.h"

namespace polar::dhall {
namespace {

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

// One link of the chain, its other children cleaned already.
struct Link {
  ExprPtr node;
  const Let* let = nullptr; // null for an application or an operator
  ExprPtr annotation;
  ExprPtr other;                 // a let's value, an application's argument, an operand
  std::vector<std::size_t> uses; // the lets of the chain its children name
  bool removed = false;
};

// The lets of the chain in scope at a link, by name: their positions in the
// chain, outermost first, and how many of the first k were removed.
class ChainScope {
public:
  void bind(const Label& name, std::size_t position, bool removed) {
    Lets& lets = by_name_[name.str()];
    lets.positions.push_back(position);
    lets.removed_before.push_back(lets.removed_before.back() + (removed ? 1 : 0));
  }

  // The position of the let `name@index` names, if one of the chain's.
  std::optional<std::size_t> binding(const Label& name, std::uint64_t index) const {
    auto found = by_name_.find(name.str());
    if (found == by_name_.end() || index >= found->second.positions.size()) {
      return std::nullopt;
    }
    const auto& positions = found->second.positions;
    return positions[positions.size() - 1 - index];
  }

  // How many removed lets of that name lie between `name@index` and what it
  // names: by how much its index drops.
  std::uint64_t removed_between(const Label& name, std::uint64_t index) const {
    auto found = by_name_.find(name.str());
    if (found == by_name_.end()) {
      return 0;
    }
    const Lets& lets = found->second;
    std::size_t size = lets.positions.size();
    std::uint64_t all = lets.removed_before[size];
    return index >= size ? all : all - lets.removed_before[size - index];
  }

private:
  struct Lets {
    std::vector<std::size_t> positions;
    std::vector<std::uint64_t> removed_before{0};
  };
  std::unordered_map<std::string, Lets> by_name_;
};

ExprPtr remove_from_chain(const ExprPtr& expr) {
  std::vector<Link> links;
  ExprPtr at = expr;
  while (const ExprPtr* child = spine_child(*at)) {
    Link link;
    link.node = at;
    if (const auto* let = at->as<Let>()) {
      link.let = let;
      link.annotation = remove_unused_lets(let->annotation);
      link.other = remove_unused_lets(let->value);
    } else if (const auto* app = at->as<App>()) {
      link.other = remove_unused_lets(app->arg);
    } else {
      link.other = remove_unused_lets(std::get<BinOp>(at->node()).rhs);
    }
    links.push_back(std::move(link));
    at = *child;
  }
  ExprPtr end = remove_unused_lets(at);

  // Which let each variable names, outermost link first.
  std::vector<std::size_t> uses_of(links.size(), 0);
  {
    ChainScope scope;
    for (std::size_t position = 0; position < links.size(); ++position) {
      Link& link = links[position];
      auto record = [&](const Label& name, std::uint64_t index) {
        if (auto named = scope.binding(name, index)) {
          ++uses_of[*named];
          link.uses.push_back(*named);
        }
      };
      for_each_free_variable(link.annotation, record);
      for_each_free_variable(link.other, record);
      if (link.let != nullptr) {
        scope.bind(link.let->name, position, false);
      }
    }
    for_each_free_variable(end, [&](const Label& name, std::uint64_t index) {
      if (auto named = scope.binding(name, index)) {
        ++uses_of[*named];
      }
    });
  }

  // Innermost first, as the rewrite applied bottom-up removes them: a
  // removed let's value no longer uses anything.
  bool any_removed = false;
  for (std::size_t position = links.size(); position-- > 0;) {
    Link& link = links[position];
    if (link.let != nullptr && uses_of[position] == 0 && !contains_assert(link.other)) {
      link.removed = true;
      any_removed = true;
      for (std::size_t named : link.uses) {
        --uses_of[named];
      }
    }
  }

  // Renumber what lies past removed lets, then rebuild innermost first.
  if (any_removed) {
    ChainScope scope;
    auto lower = [&](const Label& name, std::uint64_t index) {
      return scope.removed_between(name, index);
    };
    for (std::size_t position = 0; position < links.size(); ++position) {
      Link& link = links[position];
      if (!link.removed) {
        link.annotation = lower_free_variables(link.annotation, lower);
        link.other = lower_free_variables(link.other, lower);
      }
      if (link.let != nullptr) {
        scope.bind(link.let->name, position, link.removed);
      }
    }
    end = lower_free_variables(end, lower);
  }
  ExprPtr result = end;
  for (auto link = links.rbegin(); link != links.rend(); ++link) {
    if (!link->removed) {
      result = rebuilt_link(link->node, result, link->annotation, link->other);
    }
  }
  return result;
}

} // namespace

ExprPtr remove_unused_lets(const ExprPtr& expr) {
  if (!expr) {
    return expr;
  }
  if (spine_child(*expr) != nullptr) {
    return remove_from_chain(expr);
  }
  return map_subexpressions(expr, remove_unused_lets);
}

} // namespace polar::dhall
