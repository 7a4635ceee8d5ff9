#include "imports/subexpressions.h"

#include <algorithm>
#include <concepts>
#include <type_traits>
#include <utility>
#include <vector>

#include "syntax/spine.h"

namespace polar::dhall {
namespace {

// A node of type T, const (to read its slots) or not (to replace them).
template <typename N, typename T>
concept SlotsOf = std::same_as<std::remove_const_t<N>, T>;

// Calls `visit` on each ExprPtr slot of a node, in source order.
template <SlotsOf<Lambda> N, typename Visit>
void for_each_slot(N& node, Visit&& visit) {
  visit(node.type);
  visit(node.body);
}
template <SlotsOf<Pi> N, typename Visit>
void for_each_slot(N& node, Visit&& visit) {
  visit(node.domain);
  visit(node.codomain);
}
template <SlotsOf<App> N, typename Visit>
void for_each_slot(N& node, Visit&& visit) {
  visit(node.fn);
  visit(node.arg);
}
template <SlotsOf<Let> N, typename Visit>
void for_each_slot(N& node, Visit&& visit) {
  visit(node.annotation);
  visit(node.value);
  visit(node.body);
}
template <SlotsOf<Annot> N, typename Visit>
void for_each_slot(N& node, Visit&& visit) {
  visit(node.expr);
  visit(node.type);
}
template <SlotsOf<If> N, typename Visit>
void for_each_slot(N& node, Visit&& visit) {
  visit(node.condition);
  visit(node.then_branch);
  visit(node.else_branch);
}
template <SlotsOf<BinOp> N, typename Visit>
void for_each_slot(N& node, Visit&& visit) {
  visit(node.lhs);
  visit(node.rhs);
}
template <SlotsOf<TextLit> N, typename Visit>
void for_each_slot(N& node, Visit&& visit) {
  for (auto& chunk : node.chunks) {
    visit(chunk.expr);
  }
}
template <SlotsOf<ListLit> N, typename Visit>
void for_each_slot(N& node, Visit&& visit) {
  visit(node.type);
  for (auto& item : node.items) {
    visit(item);
  }
}
template <SlotsOf<Some> N, typename Visit>
void for_each_slot(N& node, Visit&& visit) {
  visit(node.value);
}
template <typename Fields, typename Visit>
void for_each_field(Fields& fields, Visit&& visit) {
  for (auto& entry : fields) {
    visit(entry.second);
  }
}
template <SlotsOf<RecordType> N, typename Visit>
void for_each_slot(N& node, Visit&& visit) {
  for_each_field(node.fields, visit);
}
template <SlotsOf<RecordLit> N, typename Visit>
void for_each_slot(N& node, Visit&& visit) {
  for_each_field(node.fields, visit);
}
template <SlotsOf<UnionType> N, typename Visit>
void for_each_slot(N& node, Visit&& visit) {
  for_each_field(node.alternatives, visit);
}
template <SlotsOf<Field> N, typename Visit>
void for_each_slot(N& node, Visit&& visit) {
  visit(node.record);
}
template <SlotsOf<Project> N, typename Visit>
void for_each_slot(N& node, Visit&& visit) {
  visit(node.record);
}
template <SlotsOf<ProjectByType> N, typename Visit>
void for_each_slot(N& node, Visit&& visit) {
  visit(node.record);
  visit(node.type);
}
template <SlotsOf<Merge> N, typename Visit>
void for_each_slot(N& node, Visit&& visit) {
  visit(node.handlers);
  visit(node.union_value);
  visit(node.type);
}
template <SlotsOf<ToMap> N, typename Visit>
void for_each_slot(N& node, Visit&& visit) {
  visit(node.record);
  visit(node.type);
}
template <SlotsOf<ShowConstructor> N, typename Visit>
void for_each_slot(N& node, Visit&& visit) {
  visit(node.value);
}
template <SlotsOf<Assert> N, typename Visit>
void for_each_slot(N& node, Visit&& visit) {
  visit(node.type);
}
template <SlotsOf<With> N, typename Visit>
void for_each_slot(N& node, Visit&& visit) {
  visit(node.record);
  visit(node.value);
}
// Leaves: variables, constants, literals without subexpressions, imports.
template <typename Leaf, typename Visit>
void for_each_slot(Leaf&, Visit&&) {
}

} // namespace

namespace {

// The slots of a node, absent ones included, in source order.
std::vector<const ExprPtr*> slots_of(const Expr& expr) {
  std::vector<const ExprPtr*> slots;
  std::visit(
      [&](const auto& alternative) {
        for_each_slot(alternative, [&](const ExprPtr& slot) { slots.push_back(&slot); });
      },
      expr.node());
  return slots;
}

// A copy of `expr` with its slots replaced by `values`, or `expr` itself
// when they are the same.
ExprPtr rebuilt(const ExprPtr& expr, const std::vector<const ExprPtr*>& slots,
                std::vector<ExprPtr>& values) {
  bool changed = false;
  for (std::size_t index = 0; index < slots.size(); ++index) {
    changed = changed || values[index] != *slots[index];
  }
  if (!changed) {
    return expr;
  }
  Node node = expr->node();
  auto next = values.begin();
  std::visit(
      [&](auto& alternative) {
        for_each_slot(alternative, [&](ExprPtr& slot) { slot = std::move(*next++); });
      },
      node);
  return make_expr(std::move(node), expr->span());
}

// One link of a flat chain (syntax/spine.h): the node, its slots in source
// order, and which of them continues the chain.
struct SpineLink {
  const ExprPtr* expr;
  std::vector<const ExprPtr*> slots;
  std::size_t spine; // the index of the spine child among the slots
};

// The links of the flat chain `expr` starts, outermost first, found in a
// loop: a chain may be longer than the stack is deep. Empty when `expr` is
// no link.
std::vector<SpineLink> spine_links(const ExprPtr& expr) {
  std::vector<SpineLink> links;
  const ExprPtr* current = &expr;
  for (const ExprPtr* child = spine_child(*expr); child != nullptr;
       child = spine_child(**current)) {
    std::vector<const ExprPtr*> slots = slots_of(**current);
    auto spine =
        static_cast<std::size_t>(std::find(slots.begin(), slots.end(), child) - slots.begin());
    links.push_back(SpineLink{current, std::move(slots), spine});
    current = child;
  }
  return links;
}

// Where a chain of at least one link ends: the spine child of its last link.
const ExprPtr& end_of(const std::vector<SpineLink>& links) {
  const SpineLink& last = links.back();
  return *last.slots[last.spine];
}

} // namespace

ExprPtr map_chain(const ExprPtr& expr, const ExprRewrite& rewrite) {
  std::vector<SpineLink> links = spine_links(expr);
  if (links.empty()) {
    return map_subexpressions(expr, rewrite);
  }
  auto rewrite_slot = [&](const ExprPtr* slot) { return *slot ? rewrite(*slot) : nullptr; };
  std::vector<std::vector<ExprPtr>> values(links.size()); // each link's new slots
  // Down the chain: what precedes each spine child in the source.
  for (std::size_t link = 0; link < links.size(); ++link) {
    for (std::size_t index = 0; index < links[link].spine; ++index) {
      values[link].push_back(rewrite_slot(links[link].slots[index]));
    }
  }
  ExprPtr result = rewrite(end_of(links));
  // Back up: what follows each spine child.
  for (std::size_t link = links.size(); link-- > 0;) {
    values[link].push_back(std::move(result));
    for (std::size_t index = links[link].spine + 1; index < links[link].slots.size(); ++index) {
      values[link].push_back(rewrite_slot(links[link].slots[index]));
    }
    result = rebuilt(*links[link].expr, links[link].slots, values[link]);
  }
  return result;
}

void for_each_off_chain(const ExprPtr& expr, const ChildVisitor& visit) {
  auto visit_slot = [&](const ExprPtr* slot, const Expr& parent) {
    if (*slot) {
      visit(*slot, parent);
    }
  };
  std::vector<SpineLink> links = spine_links(expr);
  if (links.empty()) {
    for (const ExprPtr* slot : slots_of(*expr)) {
      visit_slot(slot, *expr);
    }
    return;
  }
  for (const SpineLink& link : links) { // down the chain: what precedes each spine child
    for (std::size_t index = 0; index < link.spine; ++index) {
      visit_slot(link.slots[index], **link.expr);
    }
  }
  visit(end_of(links), **links.back().expr);
  for (auto link = links.rbegin(); link != links.rend(); ++link) { // back up: what follows
    for (std::size_t index = link->spine + 1; index < link->slots.size(); ++index) {
      visit_slot(link->slots[index], **link->expr);
    }
  }
}

ExprPtr map_subexpressions(const ExprPtr& expr, const ExprRewrite& rewrite) {
  // Rewrite first and copy the node only when something changed: most
  // nodes of a file hold no import.
  std::vector<ExprPtr> rewritten;
  bool changed = false;
  std::visit(
      [&](const auto& alternative) {
        for_each_slot(alternative, [&](const ExprPtr& slot) {
          rewritten.push_back(slot == nullptr ? nullptr : rewrite(slot));
          changed = changed || rewritten.back() != slot;
        });
      },
      expr->node());
  if (!changed) {
    return expr;
  }
  Node node = expr->node();
  auto next = rewritten.begin();
  std::visit(
      [&](auto& alternative) {
        for_each_slot(alternative, [&](ExprPtr& slot) { slot = std::move(*next++); });
      },
      node);
  return make_expr(std::move(node), expr->span());
}

} // namespace polar::dhall
