// Rules for the binary operators (standard/type-inference.md: Bool, Natural,
// Text, List, records) and for list literals and Some.
#include <string>
#include <utility>
#include <vector>

#include "semantics/detail/typecheck_checker.h"
#include "semantics/eval.h"

namespace polar::dhall {
namespace {

// The fields of two record types merged recursively, as `⩓` does: fields
// present on both sides must both be record types and are merged in turn.
// Returns false, with `path` leading to the colliding field, when a shared
// field is not a record type on both sides. Only shared fields are forced.
bool merge_recursively(const LazyFieldMap& left, const LazyFieldMap& right, LazyFieldMap& merged,
                       std::vector<Label>& path) {
  merged = left;
  for (const auto& [label, right_type] : right) {
    auto [slot, inserted] = merged.try_emplace(label, right_type);
    if (inserted) {
      continue;
    }
    path.push_back(label);
    const auto* left_record = slot->second.force()->as<VRecordType>();
    const auto* right_record = right_type.force()->as<VRecordType>();
    if (left_record == nullptr || right_record == nullptr) {
      return false;
    }
    LazyFieldMap inner;
    if (!merge_recursively(left_record->fields, right_record->fields, inner, path)) {
      return false;
    }
    slot->second = make_value(VRecordType{std::move(inner)});
    path.pop_back();
  }
  return true;
}

std::string dotted(const std::vector<Label>& path) {
  std::string text;
  for (const auto& label : path) {
    text += (text.empty() ? "" : ".") + label.str();
  }
  return text;
}

// The fields of a value known to be a record type.
const LazyFieldMap& fields_of(const ValuePtr& record_type) {
  return record_type->as<VRecordType>()->fields;
}

std::string symbol(Op op) {
  return "`" + std::string(op_symbol(op)) + "`";
}

} // namespace

ValuePtr Checker::rule(const Expr& expr, const BinOp& node) {
  switch (node.op) {
  case Op::bool_or:
  case Op::bool_and:
  case Op::bool_eq:
  case Op::bool_ne:
    operand_of_type(node.lhs, Builtin::bool_, node);
    return operand_of_type(node.rhs, Builtin::bool_, node);
  case Op::natural_plus:
  case Op::natural_times:
    operand_of_type(node.lhs, Builtin::natural, node);
    return operand_of_type(node.rhs, Builtin::natural, node);
  case Op::text_append:
    operand_of_type(node.lhs, Builtin::text, node);
    return operand_of_type(node.rhs, Builtin::text, node);
  case Op::list_append:
    return list_append(node);
  case Op::combine:
    return combine(expr, node);
  case Op::prefer:
    return prefer(node);
  case Op::combine_types:
    return combine_types(expr, node);
  case Op::equivalent:
    return equivalent(node);
  case Op::record_completion:
    return record_completion(expr, node);
  case Op::import_alt:
    break;
  }
  fail(expr, "the import alternative `?` must be resolved before type checking");
}

ValuePtr Checker::operand_of_type(const ExprPtr& operand, Builtin type, const BinOp& node) {
  auto actual = infer(operand);
  if (!is_builtin_type(*actual, type)) {
    fail(*operand, "the operator " + symbol(node.op) + " takes " + std::string(builtin_name(type)) +
                       " operands, but this one has type " + show(actual));
  }
  return actual;
}

// Γ ⊢ x : List A₀   Γ ⊢ y : List A₁   A₀ ≡ A₁
// ─────────────────────────────────────────
// Γ ⊢ x # y : List A₀
ValuePtr Checker::list_append(const BinOp& node) {
  auto element_of = [&](const ExprPtr& operand) {
    auto type = infer(operand);
    auto element = list_element_type(*type);
    if (element == nullptr) {
      fail(*operand, "the operator `#` takes List operands, but this one has type " + show(type));
    }
    return std::pair{type, element};
  };
  auto [left_type, left_element] = element_of(node.lhs);
  auto [right_type, right_element] = element_of(node.rhs);
  if (!context_.conv(left_element, right_element)) {
    fail(*node.rhs, "the operator `#` takes lists of the same type, but the left one is " +
                        show(left_type) + " and the right one " + show(right_type));
  }
  return left_type;
}

ValuePtr Checker::record_operand(const ExprPtr& operand, std::string_view op_text) {
  auto type = infer(operand);
  if (!type->is<VRecordType>()) {
    fail(*operand, "the operator `" + std::string(op_text) +
                       "` takes records, but this is a value of type " + show(type));
  }
  return type;
}

// Γ ⊢ l : T₀   Γ ⊢ r : T₁   Γ ⊢ T₀ ⩓ T₁ : i   T₀ ⩓ T₁ ⇥ T₂
// ───────────────────────────────────────────────────────
// Γ ⊢ l ∧ r : T₂
ValuePtr Checker::combine(const Expr& expr, const BinOp& node) {
  auto left = record_operand(node.lhs, "∧");
  auto right = record_operand(node.rhs, "∧");
  LazyFieldMap merged;
  std::vector<Label> path;
  if (!merge_recursively(fields_of(left), fields_of(right), merged, path)) {
    fail(expr, "the operator `∧` cannot merge these records: both have a field `" + dotted(path) +
                   "`, and its values are not both records");
  }
  return make_value(VRecordType{std::move(merged)});
}

// Both operands must be record types; shared fields must be record types on
// both sides, merged recursively. The result is the larger universe.
ValuePtr Checker::combine_types(const Expr& expr, const BinOp& node) {
  auto record_type = [&](const ExprPtr& operand) {
    Const universe = infer_universe(operand, "each operand of `⩓`");
    auto value = evaluate(operand);
    if (!value->is<VRecordType>()) {
      fail(*operand, "the operator `⩓` takes record types, but this is " + show(value));
    }
    return std::pair{universe, value};
  };
  auto [left_universe, left] = record_type(node.lhs);
  auto [right_universe, right] = record_type(node.rhs);
  LazyFieldMap merged;
  std::vector<Label> path;
  if (!merge_recursively(fields_of(left), fields_of(right), merged, path)) {
    fail(expr, "the operator `⩓` cannot merge these record types: both have a field `" +
                   dotted(path) + "`, and its types are not both record types");
  }
  return make_const(max_const(left_universe, right_universe));
}

// Right-biased: fields of r replace those of l.
ValuePtr Checker::prefer(const BinOp& node) {
  LazyFieldMap merged = fields_of(record_operand(node.lhs, "⫽"));
  auto right = record_operand(node.rhs, "⫽");
  for (const auto& [label, type] : fields_of(right)) {
    merged.insert_or_assign(label, type);
  }
  return make_value(VRecordType{std::move(merged)});
}

// Γ ⊢ x : A₀   Γ ⊢ y : A₁   Γ ⊢ A₀ : Type   Γ ⊢ A₁ : Type   A₀ ≡ A₁
// ───────────────────────────────────────────────────────────────
// Γ ⊢ x === y : Type
ValuePtr Checker::equivalent(const BinOp& node) {
  auto left = infer(node.lhs);
  require_term_type(left, *node.lhs, "each side of `===`");
  auto right = infer(node.rhs);
  require_term_type(right, *node.rhs, "each side of `===`");
  if (!context_.conv(left, right)) {
    fail(*node.rhs, "both sides of `===` must have the same type, but the left has type " +
                        show(left) + " and the right has type " + show(right));
  }
  return make_const(Const::type);
}

// T::r is checked as ((T.default ⫽ r) : T.Type), with messages in terms of
// the completion.
ValuePtr Checker::record_completion(const Expr& expr, const BinOp& node) {
  auto schema_type = infer(node.lhs);
  const auto* schema = schema_type->as<VRecordType>();
  const Label default_label("default");
  const Label type_label("Type");
  if (schema == nullptr || !schema->fields.contains(default_label) ||
      !schema->fields.contains(type_label)) {
    fail(*node.lhs, "record completion `T::r` needs `T` to be a record with fields `Type` and "
                    "`default`, but it has type " +
                        show(schema_type));
  }
  const auto& defaults_type = schema->fields.at(default_label).force();
  const auto* defaults = defaults_type->as<VRecordType>();
  if (defaults == nullptr) {
    fail(*node.lhs, "in record completion `T::r`, `T.default` must be a record, but it has type " +
                        show(defaults_type));
  }
  LazyFieldMap completed = defaults->fields;
  auto overrides = record_operand(node.rhs, "::");
  for (const auto& [label, type] : fields_of(overrides)) {
    completed.insert_or_assign(label, type);
  }
  auto result = make_value(VRecordType{std::move(completed)});
  auto target = evaluate(make_expr(Field{node.lhs, type_label}, node.lhs->span()));
  if (!context_.conv(target, result)) {
    std::string detail = difference(target, result);
    fail(expr, "the completed record does not have type `T.Type` = " + show(target) + ": " +
                   (detail.empty() ? "it has type " + show(result) : detail));
  }
  return result;
}

// List literals and Some ---------------------------------------------------

ValuePtr Checker::rule(const Expr& expr, const ListLit& node) {
  if (node.items.empty()) {
    if (node.type == nullptr) {
      fail(expr, "an empty list needs a type annotation, as in `[] : List Natural`");
    }
    infer(node.type);
    auto annotation = evaluate(node.type);
    if (list_element_type(*annotation) == nullptr) {
      fail(*node.type, "an empty list must be annotated with `List T`, but the annotation is " +
                           show(annotation));
    }
    // T₁ : Type holds already: `List T₁` was checked as an application.
    return annotation;
  }
  auto element = infer(node.items.front());
  require_term_type(element, *node.items.front(), "a list element");
  for (std::size_t index = 1; index < node.items.size(); ++index) {
    auto type = infer(node.items[index]);
    if (!context_.conv(element, type)) {
      fail(*node.items[index], "list elements must all have the same type, but the first has "
                               "type " +
                                   show(element) + " and this one has type " + show(type));
    }
  }
  auto list_type = make_value(VBuiltin{Builtin::list, {element}});
  if (node.type != nullptr) {
    infer(node.type);
    auto annotation = evaluate(node.type);
    if (!context_.conv(annotation, list_type)) {
      fail(*node.type, "the list has type " + show(list_type) +
                           ", which does not match its annotation " + show(annotation));
    }
  }
  return list_type;
}

ValuePtr Checker::rule(const Expr&, const Some& node) {
  auto type = infer(node.value);
  require_term_type(type, *node.value, "the argument of `Some`");
  return make_value(VBuiltin{Builtin::optional, {type}});
}

} // namespace polar::dhall
