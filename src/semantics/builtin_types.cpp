#include "semantics/detail/builtin_types.h"

#include <array>
#include <string_view>
#include <utility>

#include "semantics/eval.h"

namespace polar::dhall {
namespace {

// A small vocabulary for writing the types below as Dhall reads them.

ExprPtr var(std::string_view name) {
  return make_expr(Var{Label(name), 0});
}
ExprPtr type() {
  return make_expr(ConstRef{Const::type});
}
ExprPtr builtin(Builtin builtin) {
  return make_expr(BuiltinRef{builtin});
}
ExprPtr app(ExprPtr fn, ExprPtr arg) {
  return make_expr(App{std::move(fn), std::move(arg)});
}
// ∀(param : domain) → codomain
ExprPtr forall(std::string_view param, ExprPtr domain, ExprPtr codomain) {
  return make_expr(Pi{Label(param), std::move(domain), std::move(codomain)});
}
// domain → codomain
ExprPtr arrow(ExprPtr domain, ExprPtr codomain) {
  return forall("_", std::move(domain), std::move(codomain));
}

// ∀(name : Type) → ∀(step : <step_domain>) → ∀(base : name) → name, the
// shape shared by the fold and build builtins.
ExprPtr fold_type(std::string_view name, std::string_view step, ExprPtr step_domain,
                  std::string_view base) {
  return forall(name, type(),
                forall(step, std::move(step_domain), forall(base, var(name), var(name))));
}
// ∀(natural : Type) → ∀(succ : natural → natural) → ∀(zero : natural) → natural
ExprPtr natural_fold_result() {
  return fold_type("natural", "succ", arrow(var("natural"), var("natural")), "zero");
}
// ∀(list : Type) → ∀(cons : a → list → list) → ∀(nil : list) → list
ExprPtr list_fold_result() {
  return fold_type("list", "cons", arrow(var("a"), arrow(var("list"), var("list"))), "nil");
}
// ∀(a : Type) → List a → <result>
ExprPtr on_lists(ExprPtr result) {
  return forall("a", type(), arrow(app(builtin(Builtin::list), var("a")), std::move(result)));
}
ExprPtr simple(Builtin from, Builtin to) {
  return arrow(builtin(from), builtin(to));
}

ExprPtr type_expression(Builtin which) {
  using enum Builtin;
  switch (which) {
  case natural_build:
    return arrow(natural_fold_result(), builtin(natural));
  case natural_fold:
    return arrow(builtin(natural), natural_fold_result());
  case natural_is_zero:
  case natural_even:
  case natural_odd:
    return simple(natural, bool_);
  case natural_to_integer:
    return simple(natural, integer);
  case natural_show:
    return simple(natural, text);
  case natural_subtract:
    return arrow(builtin(natural), simple(natural, natural));
  case integer_to_double:
    return simple(integer, double_);
  case integer_show:
    return simple(integer, text);
  case integer_negate:
    return simple(integer, integer);
  case integer_clamp:
    return simple(integer, natural);
  case double_show:
    return simple(double_, text);
  case list_build:
    return forall("a", type(), arrow(list_fold_result(), app(builtin(list), var("a"))));
  case list_fold:
    return on_lists(list_fold_result());
  case list_length:
    return on_lists(builtin(natural));
  case list_head:
  case list_last:
    return on_lists(app(builtin(optional), var("a")));
  case list_indexed: {
    FieldMap fields{{Label("index"), builtin(natural)}, {Label("value"), var("a")}};
    return on_lists(app(builtin(list), make_expr(RecordType{std::move(fields)})));
  }
  case list_reverse:
    return on_lists(app(builtin(list), var("a")));
  case text_show:
    return simple(text, text);
  case text_replace:
    return forall(
        "needle", builtin(text),
        forall("replacement", builtin(text), forall("haystack", builtin(text), builtin(text))));
  case date_show:
    return simple(date, text);
  case time_show:
    return simple(time, text);
  case time_zone_show:
    return simple(time_zone, text);
  case list:
  case optional:
    return arrow(type(), type());
  case none:
    return forall("A", type(), app(builtin(optional), var("A")));
  case bool_:
  case natural:
  case integer:
  case double_:
  case text:
  case bytes:
  case date:
  case time:
  case time_zone:
    return type();
  }
  return type();
}

constexpr auto builtin_count = static_cast<std::size_t>(Builtin::time_zone) + 1;

} // namespace

ValuePtr builtin_type(Builtin which) {
  // Evaluated once: values are immutable and these are closed.
  static const auto table = [] {
    std::array<ValuePtr, builtin_count> types;
    for (std::size_t index = 0; index < builtin_count; ++index) {
      types[index] = eval(Env{}, type_expression(static_cast<Builtin>(index)));
    }
    return types;
  }();
  return table[static_cast<std::size_t>(which)];
}

} // namespace polar::dhall
