#include "syntax/expr.h"

#include <algorithm>
#include <iterator>
#include <utility>

namespace polar::dhall {
namespace {

constexpr std::pair<Builtin, std::string_view> builtin_names[] = {
    {Builtin::natural_build, "Natural/build"},
    {Builtin::natural_fold, "Natural/fold"},
    {Builtin::natural_is_zero, "Natural/isZero"},
    {Builtin::natural_even, "Natural/even"},
    {Builtin::natural_odd, "Natural/odd"},
    {Builtin::natural_to_integer, "Natural/toInteger"},
    {Builtin::natural_show, "Natural/show"},
    {Builtin::natural_subtract, "Natural/subtract"},
    {Builtin::integer_to_double, "Integer/toDouble"},
    {Builtin::integer_show, "Integer/show"},
    {Builtin::integer_negate, "Integer/negate"},
    {Builtin::integer_clamp, "Integer/clamp"},
    {Builtin::double_show, "Double/show"},
    {Builtin::list_build, "List/build"},
    {Builtin::list_fold, "List/fold"},
    {Builtin::list_length, "List/length"},
    {Builtin::list_head, "List/head"},
    {Builtin::list_last, "List/last"},
    {Builtin::list_indexed, "List/indexed"},
    {Builtin::list_reverse, "List/reverse"},
    {Builtin::text_show, "Text/show"},
    {Builtin::text_replace, "Text/replace"},
    {Builtin::date_show, "Date/show"},
    {Builtin::time_show, "Time/show"},
    {Builtin::time_zone_show, "TimeZone/show"},
    {Builtin::bool_, "Bool"},
    {Builtin::optional, "Optional"},
    {Builtin::none, "None"},
    {Builtin::natural, "Natural"},
    {Builtin::integer, "Integer"},
    {Builtin::double_, "Double"},
    {Builtin::text, "Text"},
    {Builtin::list, "List"},
    {Builtin::bytes, "Bytes"},
    {Builtin::date, "Date"},
    {Builtin::time, "Time"},
    {Builtin::time_zone, "TimeZone"},
};

} // namespace

std::string_view builtin_name(Builtin builtin) {
  return builtin_names[static_cast<std::size_t>(builtin)].second;
}

std::optional<Builtin> builtin_from_name(std::string_view name) {
  auto found = std::find_if(std::begin(builtin_names), std::end(builtin_names),
                            [&](const auto& entry) { return entry.second == name; });
  if (found == std::end(builtin_names)) {
    return std::nullopt;
  }
  return found->first;
}

std::string_view op_symbol(Op op) {
  switch (op) {
  case Op::bool_or:
    return "||";
  case Op::bool_and:
    return "&&";
  case Op::bool_eq:
    return "==";
  case Op::bool_ne:
    return "!=";
  case Op::natural_plus:
    return "+";
  case Op::natural_times:
    return "*";
  case Op::text_append:
    return "++";
  case Op::list_append:
    return "#";
  case Op::combine:
    return "∧";
  case Op::prefer:
    return "⫽";
  case Op::combine_types:
    return "⩓";
  case Op::import_alt:
    return "?";
  case Op::equivalent:
    return "≡";
  case Op::record_completion:
    return "::";
  }
  return "?";
}

Expr::~Expr() {
  ExprPtr next = release_chain_child();
  while (next && next.use_count() == 1) {
    next = next->release_chain_child(); // the old `next` dies without its chain
  }
}

ExprPtr Expr::release_chain_child() const {
  auto* node = std::get_if<Node>(&content_);
  if (node == nullptr) {
    return nullptr;
  }
  if (auto* let = std::get_if<Let>(node)) {
    return std::move(let->body);
  }
  if (auto* app = std::get_if<App>(node)) {
    return std::move(app->fn);
  }
  if (auto* op = std::get_if<BinOp>(node)) {
    return std::move(op->lhs);
  }
  return nullptr;
}

const Expr& Deferred::get() const {
  if (!state_->expr) {
    state_->expr = state_->produce();
    state_->produce = nullptr;
  }
  return *state_->expr;
}

} // namespace polar::dhall
