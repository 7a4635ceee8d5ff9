// Rules for `merge`, `toMap` and `showConstructor` (standard/
// type-inference.md, "merge expressions", "showConstructor expressions" and
// the toMap rules of "Records").
#include <optional>
#include <string>

#include "semantics/detail/typecheck_checker.h"
#include "semantics/eval.h"

namespace polar::dhall {
namespace {

std::string quoted(Label label) {
  return "`" + label.str() + "`";
}

// List { mapKey : Text, mapValue : value }
ValuePtr map_type(ValuePtr value) {
  LazyFieldMap fields{{Label("mapKey"), make_builtin(Builtin::text)},
                      {Label("mapValue"), std::move(value)}};
  return make_value(VBuiltin{Builtin::list, {make_value(VRecordType{std::move(fields)})}});
}

// Does `type` have the form List { mapKey : Text, mapValue : T }?
bool is_map_type(const Value& type) {
  auto element = list_element_type(type);
  const auto* entry = element != nullptr ? element->as<VRecordType>() : nullptr;
  if (entry == nullptr || entry->fields.size() != 2) {
    return false;
  }
  auto key = entry->fields.find(Label("mapKey"));
  return key != entry->fields.end() && is_builtin_type(*key->second.force(), Builtin::text) &&
         entry->fields.contains(Label("mapValue"));
}

} // namespace

// What the handler `label` of type `handler` returns for an alternative that
// holds a value of type `alternative` (null when it holds none).
ValuePtr Checker::handler_output(Label label, const ValuePtr& handler, const ValuePtr& alternative,
                                 const Expr& handlers) {
  if (alternative == nullptr) {
    return handler;
  }
  const auto* pi = handler->as<VPi>();
  if (pi == nullptr) {
    fail(handlers, "the handler " + quoted(label) +
                       " must be a function, since the alternative holds a value of type " +
                       show(alternative) + ", but it has type " + show(handler));
  }
  if (!context_.conv(pi->domain, alternative)) {
    fail(handlers, "the handler " + quoted(label) + " expects an argument of type " +
                       show(pi->domain) + " but the alternative holds a value of type " +
                       show(alternative));
  }
  // The output does not depend on the argument exactly when it is the same
  // for two distinct fresh arguments.
  ScopeGuard scope(context_);
  auto output = pi->codomain.apply(context_.bind(pi->codomain.param(), pi->domain));
  auto other = pi->codomain.apply(context_.bind(pi->codomain.param(), pi->domain));
  if (!context_.conv(output, other)) {
    fail(handlers, "the type returned by the handler " + quoted(label) +
                       " depends on its argument, which `merge` does not allow");
  }
  return output;
}

// The alternatives of the union value `scrutinee`; an Optional counts as
// < None | Some : A >.
ValueFieldMap Checker::merge_alternatives(const ExprPtr& scrutinee) {
  auto type = infer(scrutinee);
  if (const auto* union_type = type->as<VUnionType>()) {
    return union_type->alternatives;
  }
  if (auto element = optional_element_type(*type)) {
    return {{Label("None"), nullptr}, {Label("Some"), element}};
  }
  if (type->is<VConst>()) {
    fail(*scrutinee, "the second argument of `merge` must be a value of a union or an Optional, "
                     "but this is a type");
  }
  fail(*scrutinee, "the second argument of `merge` must be a union or an Optional, but it has "
                   "type " +
                       show(type));
}

// Every alternative of the union (an Optional counts as
// < None | Some : A >) needs exactly one handler: a function from the
// alternative's type for alternatives that hold a value, any term for the
// others. All handlers return the same type, which must not depend on the
// handler's argument.
ValuePtr Checker::rule(const Expr& expr, const Merge& node) {
  auto handlers_type = infer(node.handlers);
  const auto* handlers = handlers_type->as<VRecordType>();
  if (handlers == nullptr) {
    fail(*node.handlers, "the first argument of `merge` must be a record of handlers, but it "
                         "has type " +
                             show(handlers_type));
  }
  auto alternatives = merge_alternatives(node.union_value);
  ValuePtr annotation;
  if (node.type != nullptr) {
    infer(node.type);
    annotation = evaluate(node.type);
  }
  for (const auto& [label, handler] : handlers->fields) {
    if (!alternatives.contains(label)) {
      std::string known;
      for (const auto& [alternative, type] : alternatives) {
        known += (known.empty() ? "" : ", ") + quoted(alternative);
      }
      fail(*node.handlers, "the handler " + quoted(label) +
                               " matches no alternative of the union, whose alternatives are " +
                               (known.empty() ? "none" : known));
    }
  }
  // What every handler must return: the annotation, else the first
  // handler's output type.
  ValuePtr expected = annotation;
  std::optional<Label> expected_from; // the handler `expected` came from
  ValuePtr first_output;
  for (const auto& [label, alternative] : alternatives) {
    auto handler = handlers->fields.find(label);
    if (handler == handlers->fields.end()) {
      fail(*node.handlers, "the alternative " + quoted(label) + " has no handler");
    }
    auto output = handler_output(label, handler->second.force(), alternative, *node.handlers);
    if (first_output == nullptr) {
      first_output = output;
    }
    if (expected == nullptr) {
      expected = output;
      expected_from = label;
    } else if (!context_.conv(expected, output)) {
      fail(*node.handlers, expected_from
                               ? "the handlers of `merge` must all return the same type, but " +
                                     quoted(*expected_from) + " returns " + show(expected) +
                                     " and " + quoted(label) + " returns " + show(output)
                               : "the handler " + quoted(label) + " returns a value of type " +
                                     show(output) + ", which does not match the annotation " +
                                     show(annotation));
    }
  }
  // The rules infer the handlers' type; the annotation only when there are
  // no handlers.
  ValuePtr result = first_output != nullptr ? first_output : annotation;
  if (result == nullptr) {
    fail(expr, "`merge` on an empty union needs a type annotation, as in `merge {=} x : Bool`");
  }
  require_term_type(result, expr, "the result of `merge`");
  return result;
}

// toMap e : List { mapKey : Text, mapValue : T } when every field of the
// record e has type T; an empty record needs the annotation.
ValuePtr Checker::rule(const Expr& expr, const ToMap& node) {
  auto type = infer(node.record);
  const auto* record = type->as<VRecordType>();
  if (record == nullptr) {
    fail(*node.record, "`toMap` takes a record, but this has type " + show(type));
  }
  ValuePtr annotation;
  if (node.type != nullptr) {
    Const universe = infer_universe(node.type, "the annotation of `toMap`");
    annotation = evaluate(node.type);
    if (universe != Const::type || !is_map_type(*annotation)) {
      fail(*node.type, "the annotation of `toMap` must have the form "
                       "`List { mapKey : Text, mapValue : T }`, but it is " +
                           show(annotation));
    }
  }
  if (record->fields.empty()) {
    if (annotation == nullptr) {
      fail(expr, "`toMap` of an empty record needs a type annotation, as in "
                 "`toMap {=} : List { mapKey : Text, mapValue : Natural }`");
    }
    return annotation;
  }
  const auto& [first_label, first_type] = *record->fields.begin();
  const auto& value_type = first_type.force();
  require_term_type(value_type, *node.record, "each field of a record given to `toMap`");
  for (const auto& [label, lazy_field_type] : record->fields) {
    const auto& field_type = lazy_field_type.force();
    if (!context_.conv(value_type, field_type)) {
      fail(*node.record, "`toMap` needs all fields of the record to have the same type, but " +
                             quoted(first_label) + " has type " + show(value_type) + " and " +
                             quoted(label) + " has type " + show(field_type));
    }
  }
  auto result = map_type(value_type);
  if (annotation != nullptr && !context_.conv(annotation, result)) {
    fail(*node.type, "`toMap` produces a value of type " + show(result) +
                         ", which does not match its annotation " + show(annotation));
  }
  return result;
}

ValuePtr Checker::rule(const Expr&, const ShowConstructor& node) {
  auto type = infer(node.value);
  if (!type->is<VUnionType>() && optional_element_type(*type) == nullptr) {
    fail(*node.value,
         "`showConstructor` takes a union value or an Optional, but this has type " + show(type));
  }
  return make_builtin(Builtin::text);
}

} // namespace polar::dhall
