// Saturated builtin functions (standard/beta-normalization.md, one section
// per type).
#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <utility>

#include "semantics/detail/eval_internal.h"
#include "semantics/eval.h"
#include "syntax/literals.h"

namespace polar::dhall::detail {
namespace {

using Args = std::vector<ValuePtr>;

ValuePtr stuck(Builtin builtin, Args args) {
  return make_value(VBuiltin{builtin, std::move(args)});
}

ValuePtr make_integer(Integer value) {
  return make_value(VInteger{std::move(value)});
}

ValuePtr make_some(ValuePtr value) {
  return make_value(VSome{std::move(value)});
}

ValuePtr make_none(ValuePtr type) {
  return make_value(VBuiltin{Builtin::none, {std::move(type)}});
}

ValuePtr make_list_type(ValuePtr element) {
  return make_value(VBuiltin{Builtin::list, {std::move(element)}});
}

// A text literal without interpolations, or null.
const std::string* plain_text(const ValuePtr& value) {
  const auto* text = value->as<VText>();
  return text != nullptr && text->chunks.empty() ? &text->tail : nullptr;
}

// Exactly rounded, including magnitudes beyond 2^64 (to infinity past
// DBL_MAX), by letting strtod round the decimal digits.
double integer_to_double(const Integer& value) {
  if (auto small = value.as_int64()) {
    return static_cast<double>(*small);
  }
  auto digits = value.magnitude().to_string();
  auto magnitude = std::strtod(digits.c_str(), nullptr);
  return value.negative() ? -magnitude : magnitude;
}

// Natural/fold n B g b = g (g (… (g b))), n times.
ValuePtr natural_fold(Args args) {
  const auto* count = args[0]->as<VNatural>();
  if (count == nullptr) {
    return stuck(Builtin::natural_fold, std::move(args));
  }
  if (!count->value.fits_uint64()) {
    // The count is left out: it may come from an env: import, and since
    // record fields are forced while rendering, this can be thrown after
    // the load's redaction (docs/rendering.md, "From values").
    throw Error(ErrorKind::type, "a Natural/fold count of 2^64 or more is too large to evaluate");
  }
  const auto& step = args[2];
  auto result = args[3];
  for (auto remaining = count->value.as_uint64(); remaining > 0; --remaining) {
    auto next = dhall::apply(step, result);
    if (next == result) {
      break; // g returned its argument unchanged: a fixed point
    }
    result = std::move(next);
  }
  return result;
}

// Natural/build g = g Natural (λ(x : Natural) → x + 1) 0
ValuePtr natural_build(const ValuePtr& generator) {
  static const ValuePtr successor =
      make_value(VLambda{make_builtin(Builtin::natural), Closure(Label("x"), [](const ValuePtr& x) {
                           return natural_plus(x, make_natural(1));
                         })});
  return dhall::apply(generator, {make_builtin(Builtin::natural), successor, make_natural(0)});
}

// List/build A g = g (List A) (λ(a : A) → λ(as : List A) → [ a ] # as) ([] : List A)
ValuePtr list_build(const ValuePtr& element, const ValuePtr& generator) {
  auto list_type = make_list_type(element);
  auto cons = make_value(
      VLambda{element, Closure(Label("a"), [list_type](const ValuePtr& head) {
                return make_value(VLambda{
                    list_type, Closure(Label("as"), [head](const ValuePtr& tail) {
                      return list_append(make_value(VList{nullptr, std::vector{head}}), tail);
                    })});
              })});
  return dhall::apply(generator, {list_type, cons, make_value(VList{list_type, {}})});
}

// List/fold A xs B g b = g x₀ (g x₁ (… (g xₙ b)))
ValuePtr list_fold(Args args) {
  const auto* list = args[1]->as<VList>();
  if (list == nullptr) {
    return stuck(Builtin::list_fold, std::move(args));
  }
  const auto& step = args[3];
  auto result = args[4];
  for (auto index = list->items.size(); index-- > 0;) {
    result = dhall::apply(dhall::apply(step, list->items[index]), result);
  }
  return result;
}

ValuePtr natural_subtract(Args args) {
  const auto* subtrahend = args[0]->as<VNatural>();
  const auto* minuend = args[1]->as<VNatural>();
  if (subtrahend != nullptr && minuend != nullptr) {
    return make_natural(Natural::truncated_subtract(minuend->value, subtrahend->value));
  }
  if (subtrahend != nullptr && subtrahend->value.is_zero()) {
    return args[1];
  }
  if ((minuend != nullptr && minuend->value.is_zero()) || conv_during_eval(args[0], args[1])) {
    return make_natural(0);
  }
  return stuck(Builtin::natural_subtract, std::move(args));
}

ValuePtr text_replace(Args args) {
  const auto* needle = plain_text(args[0]);
  if (needle == nullptr) {
    return stuck(Builtin::text_replace, std::move(args));
  }
  if (needle->empty()) {
    return args[2];
  }
  const auto* haystack = plain_text(args[2]);
  if (haystack == nullptr) {
    return stuck(Builtin::text_replace, std::move(args));
  }
  TextBuilder builder;
  std::string_view rest = *haystack;
  for (auto found = rest.find(*needle); found != std::string_view::npos;
       found = rest.find(*needle)) {
    builder.append(rest.substr(0, found));
    builder.append(args[1]);
    rest.remove_prefix(found + needle->size());
  }
  builder.append(rest);
  return builder.build();
}

ValuePtr list_indexed(Args args) {
  const auto* list = args[1]->as<VList>();
  if (list == nullptr) {
    return stuck(Builtin::list_indexed, std::move(args));
  }
  static const Label index_label("index");
  static const Label value_label("value");
  if (list->items.empty()) {
    auto record = make_value(
        VRecordType{{{index_label, make_builtin(Builtin::natural)}, {value_label, args[0]}}});
    return make_value(VList{make_list_type(std::move(record)), {}});
  }
  std::vector<ValuePtr> items;
  items.reserve(list->items.size());
  for (std::size_t index = 0; index < list->items.size(); ++index) {
    items.push_back(make_value(
        VRecordLit{{{index_label, make_natural(index)}, {value_label, list->items[index]}}}));
  }
  return make_value(VList{nullptr, std::move(items)});
}

// Builtins of one argument that compute from a literal of type T.
template <typename T, typename Compute>
ValuePtr unary(Builtin builtin, Args args, Compute compute) {
  if (const auto* literal = args[0]->as<T>()) {
    return compute(*literal);
  }
  return stuck(builtin, std::move(args));
}

// List builtins taking (A, xs) that compute from a list literal.
template <typename Compute>
ValuePtr on_list(Builtin builtin, Args args, Compute compute) {
  if (const auto* list = args[1]->as<VList>()) {
    return compute(*list, args[0], args[1]);
  }
  return stuck(builtin, std::move(args));
}

} // namespace

std::size_t builtin_arity(Builtin builtin) {
  switch (builtin) {
  case Builtin::natural_fold:
    return 4;
  case Builtin::list_fold:
    return 5;
  case Builtin::text_replace:
    return 3;
  case Builtin::natural_subtract:
  case Builtin::list_build:
  case Builtin::list_length:
  case Builtin::list_head:
  case Builtin::list_last:
  case Builtin::list_indexed:
  case Builtin::list_reverse:
    return 2;
  case Builtin::bool_:
  case Builtin::natural:
  case Builtin::integer:
  case Builtin::double_:
  case Builtin::text:
  case Builtin::bytes:
  case Builtin::date:
  case Builtin::time:
  case Builtin::time_zone:
    return 0;
  default:
    return 1; // the one-argument functions, and List, Optional, None
  }
}

ValuePtr run_builtin(Builtin builtin, Args args) {
  using B = Builtin;
  switch (builtin) {
  case B::natural_build:
    return natural_build(args[0]);
  case B::natural_fold:
    return natural_fold(std::move(args));
  case B::natural_is_zero:
    return unary<VNatural>(builtin, std::move(args),
                           [](const VNatural& n) { return make_bool(n.value.is_zero()); });
  case B::natural_even:
    return unary<VNatural>(builtin, std::move(args),
                           [](const VNatural& n) { return make_bool(n.value.is_even()); });
  case B::natural_odd:
    return unary<VNatural>(builtin, std::move(args),
                           [](const VNatural& n) { return make_bool(!n.value.is_even()); });
  case B::natural_to_integer:
    return unary<VNatural>(builtin, std::move(args),
                           [](const VNatural& n) { return make_integer(Integer(false, n.value)); });
  case B::natural_show:
    return unary<VNatural>(builtin, std::move(args),
                           [](const VNatural& n) { return make_text(n.value.to_string()); });
  case B::natural_subtract:
    return natural_subtract(std::move(args));
  case B::integer_to_double:
    return unary<VInteger>(builtin, std::move(args), [](const VInteger& i) {
      return make_value(VDouble{integer_to_double(i.value)});
    });
  case B::integer_show:
    return unary<VInteger>(builtin, std::move(args),
                           [](const VInteger& i) { return make_text(i.value.to_string()); });
  case B::integer_negate:
    return unary<VInteger>(builtin, std::move(args),
                           [](const VInteger& i) { return make_integer(i.value.negated()); });
  case B::integer_clamp:
    return unary<VInteger>(builtin, std::move(args), [](const VInteger& i) {
      return make_natural(i.value.negative() ? Natural(0) : i.value.magnitude());
    });
  case B::double_show:
    return unary<VDouble>(builtin, std::move(args),
                          [](const VDouble& d) { return make_text(show_double(d.value)); });
  case B::list_build:
    return list_build(args[0], args[1]);
  case B::list_fold:
    return list_fold(std::move(args));
  case B::list_length:
    return on_list(builtin, std::move(args),
                   [](const VList& list, auto&, auto&) { return make_natural(list.items.size()); });
  case B::list_head:
    return on_list(builtin, std::move(args), [](const VList& list, const ValuePtr& element, auto&) {
      return list.items.empty() ? make_none(element) : make_some(list.items.front());
    });
  case B::list_last:
    return on_list(builtin, std::move(args), [](const VList& list, const ValuePtr& element, auto&) {
      return list.items.empty() ? make_none(element) : make_some(list.items.back());
    });
  case B::list_indexed:
    return list_indexed(std::move(args));
  case B::list_reverse:
    return on_list(builtin, std::move(args),
                   [](const VList& list, auto&, const ValuePtr& original) {
                     if (list.items.size() < 2) {
                       return original;
                     }
                     std::vector<ValuePtr> items = list.items.to_vector();
                     std::reverse(items.begin(), items.end());
                     return make_value(VList{nullptr, std::move(items)});
                   });
  case B::text_show:
    return plain_text(args[0]) != nullptr ? make_text(show_text(*plain_text(args[0])))
                                          : stuck(builtin, std::move(args));
  case B::text_replace:
    return text_replace(std::move(args));
  case B::date_show:
    return unary<VDate>(builtin, std::move(args), [](const VDate& date) {
      return make_text(date_literal(date.year, date.month, date.day));
    });
  case B::time_show:
    return unary<VTime>(builtin, std::move(args), [](const VTime& time) {
      return make_text(time_literal(time.hour, time.minute, time.second_fraction, time.precision));
    });
  case B::time_zone_show:
    return unary<VTimeZone>(builtin, std::move(args), [](const VTimeZone& zone) {
      return make_text(time_zone_literal(zone.minutes));
    });
  default:
    return stuck(builtin, std::move(args)); // type formers: List A, Optional A, None A
  }
}

} // namespace polar::dhall::detail
