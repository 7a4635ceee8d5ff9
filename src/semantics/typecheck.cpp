// Entry points, the dispatch over syntax nodes, and the rules for constants,
// variables, builtins and literals. The shared judgments (universes) and the
// error helpers live here too.
#include "semantics/typecheck.h"

#include <algorithm>
#include <limits>
#include <utility>
#include <vector>

#include "semantics/detail/builtin_types.h"
#include "semantics/detail/typecheck_checker.h"
#include "semantics/embedded.h"
#include "semantics/eval.h"
#include "syntax/literals.h"
#include "syntax/printer.h"
#include "syntax/spine.h"

namespace polar::dhall {
namespace {

// Types in error messages are cut to this many bytes: a Kubernetes record
// type printed in full would bury the message.
constexpr std::size_t max_shown_type = 200;

bool is_simple_type(Builtin builtin) {
  switch (builtin) {
  case Builtin::bool_:
  case Builtin::natural:
  case Builtin::integer:
  case Builtin::double_:
  case Builtin::text:
  case Builtin::bytes:
  case Builtin::date:
  case Builtin::time:
  case Builtin::time_zone:
    return true;
  default:
    return false;
  }
}

// The type of a field: record types hold it suspended, union types
// evaluated (null for an alternative without a payload).
const ValuePtr& field_type(const LazyValue& field) {
  return field.force();
}
const ValuePtr& field_type(const ValuePtr& alternative) {
  return alternative;
}

// A link of an application spine or operator chain: checked in a loop by
// infer_chain. Lets are not links here: their rule has its own loop.
bool is_chain_link(const Expr& expr) {
  const auto* op = expr.as<BinOp>();
  return expr.is<App>() || (op != nullptr && op->op != Op::import_alt);
}

} // namespace

NestingGuard::NestingGuard(std::size_t& depth, const Span& where) : depth_(depth) {
  if (++depth_ > max_nesting) {
    --depth_;
    throw Error(ErrorKind::type,
                "the expression is nested too deeply to type-check (more than " +
                    std::to_string(max_nesting) + " levels)",
                where);
  }
}

Const max_const(Const a, Const b) {
  return std::max(a, b);
}

Const function_check(Const input, Const output) {
  // Functions returning terms are impredicative; the rest are predicative.
  return output == Const::type ? Const::type : max_const(input, output);
}

void KnownTypes::add(ExprPtr closed, ValuePtr type, ValuePtr value) {
  const Expr* key = closed.get();
  entries_.insert_or_assign(key, Entry{std::move(closed), std::move(type), std::move(value)});
}

ValuePtr KnownTypes::find(const Expr& expr) const {
  auto found = entries_.find(&expr);
  return found == entries_.end() ? nullptr : found->second.type;
}

ValuePtr KnownTypes::find_value(const Expr& expr) const {
  auto found = entries_.find(&expr);
  if (found == entries_.end()) {
    return nullptr;
  }
  const Entry& entry = found->second;
  if (!entry.value) {
    // Evaluated once for every checker that uses the node: the types of its
    // importers then share the value's parts instead of holding copies.
    entry.value = eval(Env{}, entry.expr);
  }
  return entry.value;
}

ValuePtr infer_type(const ExprPtr& expr, const KnownTypes* known) {
  return Checker(known).infer(expr);
}

ExprPtr type_of(const ExprPtr& expr) {
  return quote(infer_type(expr));
}

ValuePtr Checker::infer(const ExprPtr& expr) {
  if (known_ != nullptr) {
    if (auto type = known_->find(*expr)) {
      return type;
    }
  }
  if (!chain_types_.empty()) {
    if (auto found = chain_types_.find(expr.get()); found != chain_types_.end()) {
      return found->second;
    }
  }
  NestingGuard nesting(depth_, expr->span());
  if (is_chain_link(*expr) && is_chain_link(**spine_child(*expr))) {
    return infer_chain(expr);
  }
  return infer_node(expr);
}

ValuePtr Checker::infer_chain(const ExprPtr& top) {
  std::vector<const ExprPtr*> links;
  // A known subtree (an import) ends the chain: its type is trusted.
  for (const ExprPtr* link = &top;
       is_chain_link(**link) && (link == &top || known_ == nullptr || !known_->find(**link));
       link = spine_child(**link)) {
    links.push_back(link);
  }
  struct Forget {
    std::unordered_map<const Expr*, ValuePtr>& types;
    const std::vector<const ExprPtr*>& links;
    ~Forget() {
      for (const ExprPtr* link : links) {
        types.erase(link->get());
      }
    }
  } forget{chain_types_, links};
  ValuePtr type;
  for (auto link = links.rbegin(); link != links.rend(); ++link) {
    type = infer_node(**link);
    chain_types_.insert_or_assign((*link)->get(), type);
  }
  return type;
}

ValuePtr Checker::infer_node(const ExprPtr& expr) {
  if (context_.depth() != 0) {
    return std::visit([&](const auto& node) { return rule(*expr, node); }, expr->node());
  }
  // With nothing in scope the type depends on the expression alone: shared
  // subtrees (decoded normal forms share every repeated type) are checked
  // once.
  if (auto found = closed_types_.find(expr.get()); found != closed_types_.end()) {
    return found->second.type;
  }
  auto type = std::visit([&](const auto& node) { return rule(*expr, node); }, expr->node());
  closed_types_.emplace(expr.get(), ClosedType{expr, type});
  return type;
}

ValuePtr Checker::evaluate(const ExprPtr& expr) const {
  if (known_ != nullptr) {
    if (auto value = known_->find_value(*expr)) {
      return value;
    }
  }
  return context_.eval(expr);
}

// Shared judgments ----------------------------------------------------------

template <typename FieldMap>
std::optional<Const> Checker::largest_universe(const FieldMap& fields) {
  Const result = Const::type;
  for (const auto& entry : fields) {
    const ValuePtr& type = field_type(entry.second);
    if (type == nullptr) {
      continue;
    }
    auto universe = universe_of(type);
    if (!universe) {
      return std::nullopt;
    }
    result = max_const(result, *universe);
  }
  return result;
}

std::optional<Const> Checker::universe_of(const ValuePtr& type) {
  NestingGuard nesting(depth_, {});
  // The common shapes are answered directly; anything else is read back
  // and inferred.
  if (const auto* constant = type->as<VConst>()) {
    switch (constant->value) {
    case Const::type:
      return Const::kind;
    case Const::kind:
      return Const::sort;
    case Const::sort:
      return std::nullopt;
    }
  }
  if (const auto* builtin = type->as<VBuiltin>()) {
    bool container = builtin->builtin == Builtin::list || builtin->builtin == Builtin::optional;
    if ((is_simple_type(builtin->builtin) && builtin->args.empty()) ||
        (container && builtin->args.size() == 1)) {
      return Const::type;
    }
  }
  if (const auto* variable = type->as<VVar>(); variable != nullptr && variable->level >= 0) {
    if (const auto* constant = context_.type_at(variable->level)->as<VConst>()) {
      return constant->value;
    }
  }
  if (const auto* record = type->as<VRecordType>()) {
    return largest_universe(record->fields);
  }
  if (const auto* union_type = type->as<VUnionType>()) {
    return largest_universe(union_type->alternatives);
  }
  if (const auto* op = type->as<VOp>(); op != nullptr && op->op == Op::equivalent) {
    return Const::type;
  }
  if (const auto* pi = type->as<VPi>()) {
    auto input = universe_of(pi->domain);
    if (!input) {
      return std::nullopt;
    }
    ScopeGuard scope(context_);
    auto parameter = context_.bind(pi->codomain.param(), pi->domain);
    auto output = universe_of(pi->codomain.apply(parameter));
    if (!output) {
      return std::nullopt;
    }
    return function_check(*input, *output);
  }
  auto kind = infer(context_.quote(type));
  if (const auto* constant = kind->as<VConst>()) {
    return constant->value;
  }
  return std::nullopt;
}

Const Checker::infer_universe(const ExprPtr& expr, std::string_view what) {
  auto type = infer(expr);
  if (const auto* constant = type->as<VConst>()) {
    return constant->value;
  }
  fail(*expr,
       std::string(what) + " must be a type, but this expression is a value of type " + show(type));
}

void Checker::require_term_type(const ValuePtr& type, const Expr& where, std::string_view what) {
  auto universe = universe_of(type);
  if (universe == Const::type) {
    return;
  }
  std::string level = universe ? "a " + std::string(const_name(*universe)) : "Sort";
  fail(where, std::string(what) + " must be a value whose type is a Type, but its type " +
                  show(type) + " is " + level);
}

std::string Checker::show(const ValuePtr& type) const {
  // One line, however long: the message cuts it below.
  std::string text = print(*context_.quote(type), std::numeric_limits<std::size_t>::max());
  if (text.size() > max_shown_type) {
    // Cut at a UTF-8 character boundary.
    auto cut = max_shown_type;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0U) == 0x80U) {
      --cut;
    }
    text = text.substr(0, cut) + " …";
  }
  return "`" + text + "`";
}

std::string Checker::difference(const ValuePtr& expected, const ValuePtr& actual) const {
  const auto* want = expected->as<VRecordType>();
  const auto* have = actual->as<VRecordType>();
  if (want == nullptr || have == nullptr) {
    return "";
  }
  std::vector<std::string> differences;
  for (const auto& [label, type] : want->fields) {
    auto found = have->fields.find(label);
    if (found == have->fields.end()) {
      differences.push_back("field `" + label.str() + "` is missing");
    } else if (!context_.conv(type.force(), found->second.force())) {
      differences.push_back("field `" + label.str() + "` should have type " + show(type.force()) +
                            " but has type " + show(found->second.force()));
    }
  }
  for (const auto& [label, type] : have->fields) {
    if (!want->fields.contains(label)) {
      differences.push_back("field `" + label.str() + "` is not expected");
    }
  }
  // A few are enough to see what went wrong.
  constexpr std::size_t max_listed = 3;
  std::string text;
  for (std::size_t index = 0; index < differences.size() && index < max_listed; ++index) {
    text += (index == 0 ? "" : "; ") + differences[index];
  }
  if (differences.size() > max_listed) {
    text += "; …";
  }
  return text;
}

void Checker::fail(const Expr& where, const std::string& message) const {
  throw Error(ErrorKind::type, message, where.span());
}

// Constants, variables, builtins, imports ----------------------------------

ValuePtr Checker::rule(const Expr& expr, const ConstRef& node) {
  switch (node.value) {
  case Const::type:
    return make_const(Const::kind);
  case Const::kind:
    return make_const(Const::sort);
  case Const::sort:
    break;
  }
  fail(expr, "`Sort` has no type: it is the top of the hierarchy Type : Kind : Sort, and may "
             "only appear as a type annotation");
}

ValuePtr Checker::rule(const Expr& expr, const Var& node) {
  if (auto type = context_.lookup(node.name, node.index)) {
    return type;
  }
  std::string name = node.name.str();
  if (!node.index.is_zero()) {
    name += "@" + node.index.to_string();
  }
  fail(expr, "unbound variable `" + name + "`: no enclosing λ, ∀ or let binds it");
}

ValuePtr Checker::rule(const Expr&, const BuiltinRef& node) {
  return builtin_type(node.builtin);
}

ValuePtr Checker::rule(const Expr& expr, const ImportRef&) {
  fail(expr, "imports must be resolved before type checking");
}

ValuePtr Checker::rule(const Expr&, const Embedded& node) {
  // Checked when it was resolved, in the empty context.
  return static_cast<const EmbeddedValue&>(*node.embedding).type();
}

// Literals -----------------------------------------------------------------

ValuePtr Checker::rule(const Expr&, const BoolLit&) {
  return make_builtin(Builtin::bool_);
}
ValuePtr Checker::rule(const Expr&, const NaturalLit&) {
  return make_builtin(Builtin::natural);
}
ValuePtr Checker::rule(const Expr&, const IntegerLit&) {
  return make_builtin(Builtin::integer);
}
ValuePtr Checker::rule(const Expr&, const DoubleLit&) {
  return make_builtin(Builtin::double_);
}
ValuePtr Checker::rule(const Expr&, const BytesLit&) {
  return make_builtin(Builtin::bytes);
}
ValuePtr Checker::rule(const Expr&, const DateLit&) {
  return make_builtin(Builtin::date);
}
ValuePtr Checker::rule(const Expr&, const TimeLit&) {
  return make_builtin(Builtin::time);
}
ValuePtr Checker::rule(const Expr&, const TimeZoneLit&) {
  return make_builtin(Builtin::time_zone);
}

ValuePtr Checker::rule(const Expr&, const TextLit& node) {
  for (const auto& chunk : node.chunks) {
    auto type = infer(chunk.expr);
    if (!is_builtin_type(*type, Builtin::text)) {
      fail(*chunk.expr,
           "an interpolation `${…}` in a text literal must be Text, but this has type " +
               show(type));
    }
  }
  return make_builtin(Builtin::text);
}

} // namespace polar::dhall
