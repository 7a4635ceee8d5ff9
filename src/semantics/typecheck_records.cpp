// Rules for record types and literals, union types, field selection (on
// records and, for constructors, on union types), projections and `with`
// (standard/type-inference.md, "Records", "Unions", "with expressions").
#include <string>

#include "semantics/detail/typecheck_checker.h"
#include "semantics/eval.h"

namespace polar::dhall {
namespace {

bool is_sort(const ValuePtr& type) {
  const auto* constant = type->as<VConst>();
  return constant != nullptr && constant->value == Const::sort;
}

std::string quoted(Label label) {
  return "`" + label.str() + "`";
}

} // namespace

// Γ ⊢ T : t₀   Γ ⊢ { xs… } : t₁   t₀ ⋁ t₁ = t₂
// ───────────────────────────────────────────
// Γ ⊢ { x : T, xs… } : t₂                       ({} : Type)
ValuePtr Checker::rule(const Expr&, const RecordType& node) {
  Const universe = Const::type;
  for (const auto& [label, type] : node.fields) {
    universe =
        max_const(universe, infer_universe(type, "the type of record field " + quoted(label)));
  }
  return make_const(universe);
}

// The alternatives of a union type are typed like the fields of a record
// type; alternatives without a type do not count.
ValuePtr Checker::rule(const Expr&, const UnionType& node) {
  Const universe = Const::type;
  for (const auto& [label, type] : node.alternatives) {
    if (type != nullptr) {
      universe = max_const(universe,
                           infer_universe(type, "the type of union alternative " + quoted(label)));
    }
  }
  return make_const(universe);
}

// Γ ⊢ t : T   Γ ⊢ { xs… } : { ts… }   Γ ⊢ { x : T, ts… } : i
// ─────────────────────────────────────────────────────────
// Γ ⊢ { x = t, xs… } : { x : T, ts… }
ValuePtr Checker::rule(const Expr&, const RecordLit& node) {
  LazyFieldMap fields;
  for (const auto& [label, value] : node.fields) {
    auto type = infer(value);
    // The record type is well typed when each field type has a type, which
    // every inferred type has except Sort.
    if (is_sort(type)) {
      fail(*value, "record field " + quoted(label) +
                       " must be a term, a type or a kind, but this has type `Sort`");
    }
    fields.emplace(label, std::move(type));
  }
  return make_value(VRecordType{std::move(fields)});
}

// `e.x` selects a field of a record, or a constructor of a union type.
ValuePtr Checker::rule(const Expr& expr, const Field& node) {
  auto type = infer(node.record);
  if (const auto* record = type->as<VRecordType>()) {
    auto found = record->fields.find(node.name);
    if (found == record->fields.end()) {
      fail(expr, "field " + quoted(node.name) + " is missing from the record, whose type is " +
                     show(type));
    }
    return found->second.force();
  }
  if (!type->is<VConst>()) {
    fail(*node.record, "only records have fields, but this is a value of type " + show(type));
  }
  auto union_value = evaluate(node.record);
  const auto* union_type = union_value->as<VUnionType>();
  if (union_type == nullptr) {
    fail(*node.record,
         "only union types have constructors, but this is the type " + show(union_value));
  }
  auto found = union_type->alternatives.find(node.name);
  if (found == union_type->alternatives.end()) {
    fail(expr, "the union type " + show(union_value) + " has no alternative " + quoted(node.name));
  }
  if (found->second == nullptr) {
    return union_value;
  }
  // ∀(x : T) → < x : T | … >, the union type not depending on x.
  Closure result(node.name, [union_value](const ValuePtr&) { return union_value; });
  return make_value(VPi{found->second, std::move(result)});
}

// Γ ⊢ e : { x : T, ts₀… }   Γ ⊢ e.{ xs… } : { ts₁… }
// ────────────────────────────────────────────────
// Γ ⊢ e.{ x, xs… } : { x : T, ts₁… }
ValuePtr Checker::rule(const Expr& expr, const Project& node) {
  auto type = infer(node.record);
  const auto* record = type->as<VRecordType>();
  if (record == nullptr) {
    fail(*node.record,
         "a projection `.{ … }` needs a record, but this is a value of type " + show(type));
  }
  LazyFieldMap fields;
  for (const auto& label : node.labels) {
    auto found = record->fields.find(label);
    if (found == record->fields.end()) {
      fail(expr,
           "field " + quoted(label) + " is missing from the record, whose type is " + show(type));
    }
    if (!fields.emplace(label, found->second).second) {
      fail(expr, "field " + quoted(label) + " is projected twice");
    }
  }
  return make_value(VRecordType{std::move(fields)});
}

// e.(s): the fields of the record type s, taken from e, with the types s
// gives them.
ValuePtr Checker::rule(const Expr& expr, const ProjectByType& node) {
  auto type = infer(node.record);
  const auto* record = type->as<VRecordType>();
  if (record == nullptr) {
    fail(*node.record,
         "a projection `.( … )` needs a record, but this is a value of type " + show(type));
  }
  infer_universe(node.type, "the selector of a projection `.( … )`");
  auto selector = evaluate(node.type);
  const auto* wanted = selector->as<VRecordType>();
  if (wanted == nullptr) {
    fail(*node.type,
         "a projection `.( … )` selects by a record type, but this is " + show(selector));
  }
  for (const auto& [label, wanted_type] : wanted->fields) {
    auto found = record->fields.find(label);
    if (found == record->fields.end()) {
      fail(expr,
           "field " + quoted(label) + " is missing from the record, whose type is " + show(type));
    }
    const auto& have = found->second.force();
    const auto& want = wanted_type.force();
    if (!context_.conv(want, have)) {
      fail(expr, "field " + quoted(label) + " has type " + show(have) +
                     " in the record but the projection asks for " + show(want));
    }
  }
  return selector;
}

// e with k.ks… = v: the type of e with the field at the path replaced by the
// type of v; `?` steps descend into an Optional, whose type must not change.
ValuePtr Checker::rule(const Expr& expr, const With& node) {
  auto record_type = infer(node.record);
  auto value_type = infer(node.value);
  if (is_sort(value_type)) {
    fail(*node.value, "a field set by `with` must be a term, a type or a kind, but this has type "
                      "`Sort`");
  }
  return with_type(expr, record_type, node, 0, value_type);
}

ValuePtr Checker::with_type(const Expr& expr, const ValuePtr& current, const With& node,
                            std::size_t step, const ValuePtr& value_type) {
  NestingGuard nesting(depth_, expr.span());
  const auto& here = node.path[step];
  const bool last = step + 1 == node.path.size();
  // Errors on the outermost step point at the updated expression.
  const Expr& where = step == 0 ? *node.record : expr;
  if (here.descend_optional) {
    auto inner = optional_element_type(*current);
    if (inner == nullptr) {
      fail(where,
           "`with` can only descend with `?` into an Optional, but this has type " + show(current));
    }
    auto updated = last ? value_type : with_type(expr, inner, node, step + 1, value_type);
    if (!context_.conv(inner, updated)) {
      fail(*node.value, "an update with `?` must keep the type of the Optional's content, " +
                            show(inner) + ", but the updated content has type " + show(updated));
    }
    return current;
  }
  const auto* record = current->as<VRecordType>();
  if (record == nullptr) {
    fail(where, "`with` can only update a field " + quoted(here.field) +
                    " of a record, but this has type " + show(current));
  }
  LazyFieldMap fields = record->fields;
  ValuePtr updated = value_type;
  if (!last) {
    // A missing intermediate record is created.
    auto found = fields.find(here.field);
    auto inner = found != fields.end() ? found->second.force() : make_value(VRecordType{});
    updated = with_type(expr, inner, node, step + 1, value_type);
  }
  fields.insert_or_assign(here.field, std::move(updated));
  return make_value(VRecordType{std::move(fields)});
}

} // namespace polar::dhall
