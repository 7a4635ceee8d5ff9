#include "imports/subexpressions.h"

namespace polar::dhall {
namespace {

// Calls `visit` on each ExprPtr slot of a node, in source order.
template <typename Visit>
void for_each_slot(Lambda& node, Visit&& visit) {
  visit(node.type);
  visit(node.body);
}
template <typename Visit>
void for_each_slot(Pi& node, Visit&& visit) {
  visit(node.domain);
  visit(node.codomain);
}
template <typename Visit>
void for_each_slot(App& node, Visit&& visit) {
  visit(node.fn);
  visit(node.arg);
}
template <typename Visit>
void for_each_slot(Let& node, Visit&& visit) {
  visit(node.annotation);
  visit(node.value);
  visit(node.body);
}
template <typename Visit>
void for_each_slot(Annot& node, Visit&& visit) {
  visit(node.expr);
  visit(node.type);
}
template <typename Visit>
void for_each_slot(If& node, Visit&& visit) {
  visit(node.condition);
  visit(node.then_branch);
  visit(node.else_branch);
}
template <typename Visit>
void for_each_slot(BinOp& node, Visit&& visit) {
  visit(node.lhs);
  visit(node.rhs);
}
template <typename Visit>
void for_each_slot(TextLit& node, Visit&& visit) {
  for (auto& chunk : node.chunks) {
    visit(chunk.expr);
  }
}
template <typename Visit>
void for_each_slot(ListLit& node, Visit&& visit) {
  visit(node.type);
  for (auto& item : node.items) {
    visit(item);
  }
}
template <typename Visit>
void for_each_slot(Some& node, Visit&& visit) {
  visit(node.value);
}
template <typename Visit>
void for_each_field(FieldMap& fields, Visit&& visit) {
  for (auto& [label, value] : fields) {
    visit(value);
  }
}
template <typename Visit>
void for_each_slot(RecordType& node, Visit&& visit) {
  for_each_field(node.fields, visit);
}
template <typename Visit>
void for_each_slot(RecordLit& node, Visit&& visit) {
  for_each_field(node.fields, visit);
}
template <typename Visit>
void for_each_slot(UnionType& node, Visit&& visit) {
  for_each_field(node.alternatives, visit);
}
template <typename Visit>
void for_each_slot(Field& node, Visit&& visit) {
  visit(node.record);
}
template <typename Visit>
void for_each_slot(Project& node, Visit&& visit) {
  visit(node.record);
}
template <typename Visit>
void for_each_slot(ProjectByType& node, Visit&& visit) {
  visit(node.record);
  visit(node.type);
}
template <typename Visit>
void for_each_slot(Merge& node, Visit&& visit) {
  visit(node.handlers);
  visit(node.union_value);
  visit(node.type);
}
template <typename Visit>
void for_each_slot(ToMap& node, Visit&& visit) {
  visit(node.record);
  visit(node.type);
}
template <typename Visit>
void for_each_slot(ShowConstructor& node, Visit&& visit) {
  visit(node.value);
}
template <typename Visit>
void for_each_slot(Assert& node, Visit&& visit) {
  visit(node.type);
}
template <typename Visit>
void for_each_slot(With& node, Visit&& visit) {
  visit(node.record);
  visit(node.value);
}
// Leaves: variables, constants, literals without subexpressions, imports.
template <typename Leaf, typename Visit>
void for_each_slot(Leaf&, Visit&&) {
}

} // namespace

ExprPtr map_subexpressions(const ExprPtr& expr, const ExprRewrite& rewrite) {
  Node node = expr->node();
  bool changed = false;
  std::visit(
      [&](auto& alternative) {
        for_each_slot(alternative, [&](ExprPtr& slot) {
          if (slot == nullptr) {
            return;
          }
          ExprPtr rewritten = rewrite(slot);
          changed = changed || rewritten != slot;
          slot = std::move(rewritten);
        });
      },
      node);
  return changed ? make_expr(std::move(node), expr->span()) : expr;
}

} // namespace polar::dhall
