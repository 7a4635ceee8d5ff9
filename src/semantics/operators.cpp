// Binary operators (standard/beta-normalization.md: Bool, Natural, Text,
// List and the record operators).
#include <utility>

#include "semantics/detail/eval_internal.h"

namespace polar::dhall::detail {
namespace {

ValuePtr stuck(Op op, const ValuePtr& lhs, const ValuePtr& rhs) {
  return make_value(VOp{op, lhs, rhs});
}

// The Bool literal `value` holds, if it is one.
std::optional<bool> bool_literal(const ValuePtr& value) {
  if (const auto* literal = value->as<VBool>()) {
    return literal->value;
  }
  return std::nullopt;
}

const Natural* natural_literal(const ValuePtr& value) {
  const auto* literal = value->as<VNatural>();
  return literal != nullptr ? &literal->value : nullptr;
}

bool is_natural(const ValuePtr& value, std::uint64_t expected) {
  const auto* literal = natural_literal(value);
  return literal != nullptr && *literal == Natural(expected);
}

// `||` and `&&` share their shape: `unit` is the identity element
// (False for ||, True for &&), !unit the absorbing one.
ValuePtr logical(Op op, bool unit, const ValuePtr& lhs, const ValuePtr& rhs) {
  auto left = bool_literal(lhs);
  auto right = bool_literal(rhs);
  if (left == unit) {
    return rhs;
  }
  if (right == unit) {
    return lhs;
  }
  if (left == !unit || right == !unit) {
    return make_bool(!unit);
  }
  if (conv_during_eval(lhs, rhs)) {
    return lhs;
  }
  return stuck(op, lhs, rhs);
}

// `==` and `!=`: `unit` is True for ==, False for !=.
ValuePtr equality(Op op, bool unit, const ValuePtr& lhs, const ValuePtr& rhs) {
  if (bool_literal(lhs) == unit) {
    return rhs;
  }
  if (bool_literal(rhs) == unit) {
    return lhs;
  }
  if (conv_during_eval(lhs, rhs)) {
    return make_bool(unit);
  }
  return stuck(op, lhs, rhs);
}

ValuePtr natural_times(const ValuePtr& lhs, const ValuePtr& rhs) {
  const auto* left = natural_literal(lhs);
  const auto* right = natural_literal(rhs);
  if (left != nullptr && right != nullptr) {
    return make_natural(*left * *right);
  }
  if (is_natural(lhs, 0) || is_natural(rhs, 0)) {
    return make_natural(0);
  }
  if (is_natural(lhs, 1)) {
    return rhs;
  }
  if (is_natural(rhs, 1)) {
    return lhs;
  }
  return stuck(Op::natural_times, lhs, rhs);
}

ValuePtr text_append(const ValuePtr& lhs, const ValuePtr& rhs) {
  TextBuilder builder;
  builder.append(lhs);
  builder.append(rhs);
  return builder.build();
}

bool is_empty_record(const ValuePtr& value) {
  const auto* record = value->as<VRecordLit>();
  return record != nullptr && record->fields.empty();
}

bool is_empty_record_type(const ValuePtr& value) {
  const auto* record = value->as<VRecordType>();
  return record != nullptr && record->fields.empty();
}

// Union of two sorted field maps, colliding fields merged by `collide`.
template <typename FieldMap, typename Collide>
FieldMap merge_fields(const FieldMap& left, const FieldMap& right, Collide collide) {
  FieldMap result = left;
  for (const auto& [label, value] : right) {
    auto [position, inserted] = result.try_emplace(label, value);
    if (!inserted) {
      position->second = collide(position->second, value);
    }
  }
  return result;
}

} // namespace

ValuePtr natural_plus(const ValuePtr& lhs, const ValuePtr& rhs) {
  const auto* left = natural_literal(lhs);
  const auto* right = natural_literal(rhs);
  if (left != nullptr && right != nullptr) {
    return make_natural(*left + *right);
  }
  if (is_natural(lhs, 0)) {
    return rhs;
  }
  if (is_natural(rhs, 0)) {
    return lhs;
  }
  return stuck(Op::natural_plus, lhs, rhs);
}

ValuePtr list_append(const ValuePtr& lhs, const ValuePtr& rhs) {
  const auto* left = lhs->as<VList>();
  const auto* right = rhs->as<VList>();
  if (left != nullptr && left->items.empty()) {
    return rhs;
  }
  if (right != nullptr && right->items.empty()) {
    return lhs;
  }
  if (left != nullptr && right != nullptr) {
    return make_value(VList{nullptr, ListItems::concat(left->items, right->items)});
  }
  return stuck(Op::list_append, lhs, rhs);
}

ValuePtr combine(const ValuePtr& lhs, const ValuePtr& rhs) {
  if (is_empty_record(lhs)) {
    return rhs;
  }
  if (is_empty_record(rhs)) {
    return lhs;
  }
  const auto* left = lhs->as<VRecordLit>();
  const auto* right = rhs->as<VRecordLit>();
  if (left != nullptr && right != nullptr) {
    // Only colliding fields are forced: ∧ recurses into them.
    return make_value(VRecordLit{merge_fields(
        left->fields, right->fields, [](const LazyValue& l, const LazyValue& r) -> LazyValue {
          return combine(l.force(), r.force());
        })});
  }
  return stuck(Op::combine, lhs, rhs);
}

ValuePtr prefer(const ValuePtr& lhs, const ValuePtr& rhs) {
  if (is_empty_record(lhs)) {
    return rhs;
  }
  if (is_empty_record(rhs)) {
    return lhs;
  }
  const auto* left = lhs->as<VRecordLit>();
  const auto* right = rhs->as<VRecordLit>();
  if (left != nullptr && right != nullptr) {
    return make_value(VRecordLit{merge_fields(
        left->fields, right->fields, [](const LazyValue&, const LazyValue& r) { return r; })});
  }
  if (conv_during_eval(lhs, rhs)) {
    return lhs;
  }
  return stuck(Op::prefer, lhs, rhs);
}

ValuePtr combine_types(const ValuePtr& lhs, const ValuePtr& rhs) {
  if (is_empty_record_type(lhs)) {
    return rhs;
  }
  if (is_empty_record_type(rhs)) {
    return lhs;
  }
  const auto* left = lhs->as<VRecordType>();
  const auto* right = rhs->as<VRecordType>();
  if (left != nullptr && right != nullptr) {
    // Like ∧: only colliding fields are forced.
    return make_value(VRecordType{merge_fields(
        left->fields, right->fields, [](const LazyValue& l, const LazyValue& r) -> LazyValue {
          return combine_types(l.force(), r.force());
        })});
  }
  return stuck(Op::combine_types, lhs, rhs);
}

ValuePtr eval_operator(Op op, const ValuePtr& lhs, const ValuePtr& rhs) {
  switch (op) {
  case Op::bool_or:
    return logical(op, false, lhs, rhs);
  case Op::bool_and:
    return logical(op, true, lhs, rhs);
  case Op::bool_eq:
    return equality(op, true, lhs, rhs);
  case Op::bool_ne:
    return equality(op, false, lhs, rhs);
  case Op::natural_plus:
    return natural_plus(lhs, rhs);
  case Op::natural_times:
    return natural_times(lhs, rhs);
  case Op::text_append:
    return text_append(lhs, rhs);
  case Op::list_append:
    return list_append(lhs, rhs);
  case Op::combine:
    return combine(lhs, rhs);
  case Op::prefer:
    return prefer(lhs, rhs);
  case Op::combine_types:
    return combine_types(lhs, rhs);
  case Op::record_completion: {
    // T::r is (T.default ⫽ r) : T.Type
    static const Label default_label("default");
    return prefer(select_field(lhs, default_label), rhs);
  }
  case Op::equivalent:
  case Op::import_alt:
    break;
  }
  return stuck(op, lhs, rhs);
}

} // namespace polar::dhall::detail
