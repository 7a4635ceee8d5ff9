// The evaluator: Expr → Value in an environment (normalization by
// evaluation; see docs/evaluation.md).
#include "semantics/eval.h"

#include <stdexcept>
#include <utility>

#include "semantics/detail/eval_internal.h"
#include "semantics/embedded.h"
#include "syntax/spine.h"

namespace polar::dhall {
namespace detail {
namespace {

// Deep enough for any real configuration, shallow enough that the
// recursion fits in the default 8 MiB stack even in unoptimized builds.
constexpr int max_depth = 4000;
thread_local int current_depth = 0;

thread_local bool eager_record_types = false;

} // namespace

DepthGuard::DepthGuard() {
  if (++current_depth > max_depth) {
    --current_depth;
    throw Error(ErrorKind::type, "expression is nested too deeply to evaluate");
  }
}

DepthGuard::~DepthGuard() {
  --current_depth;
}

EagerRecordTypes::EagerRecordTypes() : outer_(eager_record_types) {
  eager_record_types = true;
}

EagerRecordTypes::~EagerRecordTypes() {
  eager_record_types = outer_;
}

} // namespace detail

namespace {

using detail::TextBuilder;

ValuePtr eval_if(const Env& env, const If& node) {
  auto condition = eval(env, node.condition);
  if (const auto* literal = condition->as<VBool>()) {
    return eval(env, literal->value ? node.then_branch : node.else_branch);
  }
  auto then_branch = eval(env, node.then_branch);
  auto else_branch = eval(env, node.else_branch);
  const auto* then_bool = then_branch->as<VBool>();
  const auto* else_bool = else_branch->as<VBool>();
  if (then_bool != nullptr && then_bool->value && else_bool != nullptr && !else_bool->value) {
    return condition; // `if b then True else False` is b
  }
  if (detail::conv_during_eval(then_branch, else_branch)) {
    return then_branch;
  }
  return make_value(VIf{std::move(condition), std::move(then_branch), std::move(else_branch)});
}

ValuePtr eval_text(const Env& env, const TextLit& text) {
  if (text.chunks.empty()) {
    return make_text(text.tail);
  }
  TextBuilder builder;
  for (const auto& chunk : text.chunks) {
    builder.append(chunk.prefix);
    builder.append(eval(env, chunk.expr));
  }
  builder.append(text.tail);
  return builder.build();
}

ValueFieldMap eval_alternatives(const Env& env, const FieldMap& alternatives) {
  ValueFieldMap result;
  for (const auto& [label, expr] : alternatives) {
    result.emplace_hint(result.end(), label, expr ? eval(env, expr) : nullptr);
  }
  return result;
}

// Fields that cost less to evaluate than to suspend: each evaluates to at
// most one small node (`List T`, `Optional T` and `None T` with such a T
// included: field types are often `Optional Text`). A deferred field is not
// cheap: even looking at it would decode it.
bool is_cheap(const Expr& expr) {
  if (expr.is_deferred()) {
    return false;
  }
  if (const auto* app = expr.as<App>()) {
    const auto* fn = app->fn->as<BuiltinRef>();
    return fn != nullptr &&
           (fn->builtin == Builtin::list || fn->builtin == Builtin::optional ||
            fn->builtin == Builtin::none) &&
           is_cheap(*app->arg);
  }
  return expr.is<Embedded>() || expr.is<Var>() || expr.is<BuiltinRef>() || expr.is<ConstRef>() ||
         expr.is<BoolLit>() || expr.is<NaturalLit>() ||
         (expr.is<TextLit>() && expr.as<TextLit>()->chunks.empty());
}

// `expr` suspended in `env`. Syntax that was not parsed (a normal form
// decoded from the build cache) spells out the value of each `let` at each
// of its uses, and the decoder makes equal items one node: such a node gets
// one suspension per environment, so that it is evaluated once as the `let`
// was (docs/evaluation.md, "Inlined lets"). Parsed syntax would only pay
// for the lookup.
LazyValue suspension_of(const Env& env, const ExprPtr& expr) {
  if (!expr->span().known()) {
    return env.suspend_shared(expr);
  }
  return LazyValue(env, expr);
}

// The fields of a record literal or record type: suspended (see LazyValue)
// when `suspend` and they are not cheap, else evaluated. Deferred fields not
// yet decoded stay suspended regardless: conv compares them by their
// encodings without decoding them.
LazyFieldMap record_fields(const Env& env, const FieldMap& fields, bool suspend) {
  LazyFieldMap result;
  for (const auto& [label, expr] : fields) {
    const auto* deferred = expr->deferred();
    bool suspended =
        (deferred != nullptr && !deferred->is_produced()) || (suspend && !is_cheap(*expr));
    result.emplace_hint(result.end(), label,
                        suspended ? suspension_of(env, expr) : LazyValue(eval(env, expr)));
  }
  return result;
}

ValuePtr eval_optional(const Env& env, const ExprPtr& expr) {
  return expr ? eval(env, expr) : nullptr;
}

// One overload per node type; `operator()` dispatches through std::visit.
struct Evaluator {
  const Env& env;

  ValuePtr operator()(const Var& var) const { return env.lookup(var.name, var.index); }
  ValuePtr operator()(const Lambda& lambda) const {
    return make_value(VLambda{eval(env, lambda.type), Closure(lambda.param, env, lambda.body)});
  }
  ValuePtr operator()(const Pi& pi) const {
    return make_value(VPi{eval(env, pi.domain), Closure(pi.param, env, pi.codomain)});
  }
  ValuePtr operator()(const App&) const {
    throw std::logic_error("applications are evaluated by eval_chain");
  }
  ValuePtr operator()(const Let&) const {
    throw std::logic_error("let is evaluated by eval's loop");
  }
  ValuePtr operator()(const Annot& annot) const { return eval(env, annot.expr); }
  ValuePtr operator()(const If& node) const { return eval_if(env, node); }
  ValuePtr operator()(const BinOp&) const {
    // Every other operator is evaluated by eval_chain.
    throw Error(ErrorKind::import, "cannot evaluate an unresolved `?` import alternative");
  }
  ValuePtr operator()(const BuiltinRef& ref) const { return make_builtin(ref.builtin); }
  ValuePtr operator()(const ConstRef& ref) const { return make_const(ref.value); }
  ValuePtr operator()(const BoolLit& lit) const { return make_bool(lit.value); }
  ValuePtr operator()(const NaturalLit& lit) const { return make_natural(lit.value); }
  ValuePtr operator()(const IntegerLit& lit) const { return make_value(VInteger{lit.value}); }
  ValuePtr operator()(const DoubleLit& lit) const { return make_value(VDouble{lit.value}); }
  ValuePtr operator()(const TextLit& text) const { return eval_text(env, text); }
  ValuePtr operator()(const BytesLit& lit) const { return make_value(VBytes{lit.bytes}); }
  ValuePtr operator()(const DateLit& lit) const {
    return make_value(VDate{lit.year, lit.month, lit.day});
  }
  ValuePtr operator()(const TimeLit& lit) const {
    return make_value(VTime{lit.hour, lit.minute, lit.second_fraction, lit.precision});
  }
  ValuePtr operator()(const TimeZoneLit& lit) const { return make_value(VTimeZone{lit.minutes}); }
  ValuePtr operator()(const ListLit& list) const {
    if (list.items.empty()) {
      return make_value(VList{eval(env, list.type), {}});
    }
    std::vector<ValuePtr> items;
    items.reserve(list.items.size());
    for (const auto& item : list.items) {
      items.push_back(eval(env, item));
    }
    return make_value(VList{nullptr, std::move(items)});
  }
  ValuePtr operator()(const Some& some) const { return make_value(VSome{eval(env, some.value)}); }
  ValuePtr operator()(const RecordType& record) const {
    return make_value(VRecordType{record_fields(env, record.fields, !detail::eager_record_types)});
  }
  ValuePtr operator()(const RecordLit& record) const {
    return make_value(VRecordLit{record_fields(env, record.fields, true)});
  }
  ValuePtr operator()(const UnionType& union_type) const {
    return make_value(VUnionType{eval_alternatives(env, union_type.alternatives)});
  }
  ValuePtr operator()(const Field& field) const {
    return detail::select_field(eval(env, field.record), field.name);
  }
  ValuePtr operator()(const Project& projection) const {
    return detail::project(eval(env, projection.record), projection.labels);
  }
  ValuePtr operator()(const ProjectByType& projection) const {
    return detail::project_by_type(eval(env, projection.record), eval(env, projection.type));
  }
  ValuePtr operator()(const Merge& node) const {
    return detail::merge(eval(env, node.handlers), eval(env, node.union_value),
                         eval_optional(env, node.type));
  }
  ValuePtr operator()(const ToMap& node) const {
    return detail::to_map(eval(env, node.record), eval_optional(env, node.type));
  }
  ValuePtr operator()(const ShowConstructor& node) const {
    return detail::show_constructor(eval(env, node.value));
  }
  ValuePtr operator()(const Assert& node) const {
    return make_value(VAssert{eval(env, node.type)});
  }
  ValuePtr operator()(const With& node) const {
    return detail::update_with(eval(env, node.record), node.path, eval(env, node.value));
  }
  ValuePtr operator()(const ImportRef&) const {
    throw Error(ErrorKind::import, "cannot evaluate an unresolved import");
  }
  ValuePtr operator()(const Embedded& node) const {
    return static_cast<const EmbeddedValue&>(*node.embedding).value();
  }
};

// Runs `step`, pointing an error that has no place yet at `expr`: the
// innermost written term that failed.
template <typename Step>
ValuePtr located_at(const Expr& expr, Step&& step) {
  try {
    return step();
  } catch (Error& error) {
    if (!error.span().known() && expr.span().known()) {
      throw error.at(expr.span());
    }
    throw;
  }
}

// A link of an application spine or an operator chain (syntax/spine.h).
bool is_eval_link(const Expr& expr) {
  const auto* op = expr.as<BinOp>();
  return expr.is<App>() || (op != nullptr && op->op != Op::import_alt);
}

// `f a b c` and `a + b + c` in a loop: the innermost function or operand
// first, then one application or operation per link, outwards.
ValuePtr eval_chain(const Env& env, const Expr& top) {
  std::vector<const Expr*> links;
  const ExprPtr* bottom = nullptr;
  for (const Expr* link = &top; is_eval_link(*link); link = bottom->get()) {
    links.push_back(link);
    bottom = spine_child(*link);
  }
  ValuePtr value = eval(env, *bottom);
  for (auto link = links.rbegin(); link != links.rend(); ++link) {
    value = located_at(**link, [&] {
      if (const auto* app = (*link)->as<App>()) {
        return dhall::apply(value, eval(env, app->arg));
      }
      const auto& op = *(*link)->as<BinOp>();
      return detail::eval_operator(op.op, value, eval(env, op.rhs));
    });
  }
  return value;
}

} // namespace

ValuePtr eval(const Env& outer_env, const ExprPtr& outer_expr) {
  detail::DepthGuard guard;
  // A chain of lets (common at the top of a file) extends the environment
  // in a loop rather than nesting one call per binding.
  Env env = outer_env;
  const ExprPtr* expr = &outer_expr;
  while (const auto* let = (*expr)->as<Let>()) {
    env = env.extend(let->name, eval(env, let->value));
    expr = &let->body;
  }
  if (is_eval_link(**expr)) {
    return eval_chain(env, **expr);
  }
  if (ValuePtr known = detail::closed_type_literal(*expr)) {
    return known;
  }
  return located_at(**expr, [&] { return std::visit(Evaluator{env}, (*expr)->node()); });
}

ValuePtr apply(const ValuePtr& fn, const ValuePtr& arg) {
  if (const auto* lambda = fn->as<VLambda>()) {
    return lambda->body.apply(arg);
  }
  if (const auto* builtin = fn->as<VBuiltin>()) {
    auto arity = detail::builtin_arity(builtin->builtin);
    if (builtin->args.size() < arity) {
      auto args = builtin->args;
      args.push_back(arg);
      if (args.size() == arity) {
        return detail::run_builtin(builtin->builtin, std::move(args));
      }
      return make_value(VBuiltin{builtin->builtin, std::move(args)});
    }
  }
  if (const auto* field = fn->as<VField>(); field != nullptr && field->record->is<VUnionType>()) {
    return make_value(VInject{field->record, field->name, arg});
  }
  return make_value(VApp{fn, arg});
}

ValuePtr apply(const ValuePtr& fn, const std::vector<ValuePtr>& args) {
  auto result = fn;
  for (const auto& arg : args) {
    result = dhall::apply(result, arg);
  }
  return result;
}

ValuePtr detail::TextBuilder::build() {
  if (chunks_.size() == 1 && chunks_[0].prefix.empty() && pending_.empty()) {
    return std::move(chunks_[0].value);
  }
  return make_value(VText{std::move(chunks_), std::move(pending_)});
}

void detail::TextBuilder::append(const ValuePtr& value) {
  if (const auto* text = value->as<VText>()) {
    for (const auto& chunk : text->chunks) {
      pending_ += chunk.prefix;
      chunks_.push_back(VTextChunk{std::move(pending_), chunk.value});
      pending_.clear();
    }
    pending_ += text->tail;
    return;
  }
  chunks_.push_back(VTextChunk{std::move(pending_), value});
  pending_.clear();
}

} // namespace polar::dhall
