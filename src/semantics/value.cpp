#include "semantics/value.h"

#include <algorithm>
#include <type_traits>
#include <utility>

#include "semantics/eval.h"
#include "syntax/node_table.h"

namespace polar::dhall {

Env Env::extend(Label name, ValuePtr value) const {
  Env result;
  result.head_ = std::make_shared<const Binding>(name, std::move(value), head_);
  result.size_ = size_ + 1;
  return result;
}

// Weak on both sides: a suspension holds its environment, and so this
// table's binding; the node is watched (NodeTable).
struct Env::SharedSuspensions {
  NodeTable<std::weak_ptr<LazyValue::Suspension>> by_node;
};

LazyValue Env::suspend_shared(const ExprPtr& expr) const {
  if (!head_) {
    return LazyValue(*this, expr);
  }
  auto& table = head_->suspensions;
  if (!table) {
    table = std::make_unique<SharedSuspensions>();
  }
  auto& shared = table->by_node.entry(expr).first;
  if (auto suspension = shared.lock()) {
    return LazyValue(std::move(suspension));
  }
  LazyValue fresh(*this, expr);
  shared = fresh.suspension_;
  return fresh;
}

Env::Binding::Binding(Label bound, ValuePtr bound_value, std::shared_ptr<const Binding> rest)
    : name(bound), value(std::move(bound_value)), next(std::move(rest)) {
}

Env::Binding::~Binding() {
  auto rest = std::move(next);
  while (rest && rest.use_count() == 1) {
    rest = std::move(rest->next); // the old `rest` dies without its tail
  }
}

ValuePtr Env::lookup(Label name, const Natural& index) const {
  if (!index.fits_uint64() || index.as_uint64() > static_cast<std::uint64_t>(INT64_MAX - 1)) {
    throw Error(ErrorKind::type, "variable index " + index.to_string() + " is too large");
  }
  auto remaining = index.as_uint64();
  for (const Binding* binding = head_.get(); binding != nullptr; binding = binding->next.get()) {
    if (binding->name == name) {
      if (remaining == 0) {
        return binding->value;
      }
      --remaining;
    }
  }
  // Free: `name@remaining` relative to the outermost scope.
  return make_var(name, -static_cast<std::int64_t>(remaining) - 1);
}

Closure::Closure(Label param, Env env, ExprPtr body)
    : param_(param), env_(std::move(env)), body_(std::move(body)) {
}

Closure::Closure(Label param, HostFunction host) : param_(param), host_(std::move(host)) {
}

ValuePtr Closure::apply(const ValuePtr& arg) const {
  if (host_) {
    return host_(arg);
  }
  return eval(env_.extend(param_, arg), body_);
}

LazyValue::LazyValue(Env env, ExprPtr expr)
    : suspension_(std::make_shared<Suspension>(Suspension{std::move(env), std::move(expr), {}})) {
}

bool LazyValue::has_same_suspension(const LazyValue& other) const {
  if (value_ || other.value_ || suspension_->value || other.suspension_->value) {
    return false;
  }
  if (suspension_ == other.suspension_) {
    return true;
  }
  const auto* mine = suspension_->expr->deferred();
  const auto* theirs = other.suspension_->expr->deferred();
  return mine != nullptr && theirs != nullptr && suspension_->env.is_same(other.suspension_->env) &&
         std::ranges::equal(mine->encoding(), theirs->encoding());
}

const ValuePtr& LazyValue::force() const {
  if (value_) {
    return value_;
  }
  Suspension& suspension = *suspension_;
  if (!suspension.value) {
    suspension.value = eval(suspension.env, suspension.expr);
    // What the field captured is no longer needed by anyone.
    suspension.env = Env{};
    suspension.expr = nullptr;
  }
  value_ = suspension.value;
  suspension_.reset();
  return value_;
}

namespace {

// Sub-values of dying values wait here instead of being destroyed from
// inside their parent's destructor; only the outermost ~Value drains it.
thread_local std::vector<ValuePtr>* pending_release = nullptr;

void adopt(ValuePtr& child, std::vector<ValuePtr>& pending) {
  if (child && child.use_count() == 1) {
    pending.push_back(std::move(child));
  }
}

void adopt_fields(ValueFieldMap& fields, std::vector<ValuePtr>& pending) {
  for (auto& entry : fields) {
    adopt(entry.second, pending);
  }
}

// Suspended fields are released recursively, like closures' environments.
void adopt_fields(LazyFieldMap& fields, std::vector<ValuePtr>& pending) {
  for (auto& entry : fields) {
    adopt(entry.second.evaluated(), pending);
  }
}

// Moves the sub-values of `node` that would die with it into `pending`.
// Closures keep their environments: those are released recursively, but
// every value they hold comes through here again.
void adopt_children(ValueNode& node, std::vector<ValuePtr>& pending) {
  auto adopt_all = [&](auto&... children) { (adopt(children, pending), ...); };
  std::visit(
      [&](auto& n) {
        using Node = std::decay_t<decltype(n)>;
        if constexpr (std::is_same_v<Node, VLambda> || std::is_same_v<Node, VPi>) {
          adopt_all(n.domain);
        } else if constexpr (std::is_same_v<Node, VApp>) {
          adopt_all(n.fn, n.arg);
        } else if constexpr (std::is_same_v<Node, VBuiltin>) {
          std::for_each(n.args.begin(), n.args.end(), [&](auto& arg) { adopt(arg, pending); });
        } else if constexpr (std::is_same_v<Node, VText>) {
          std::for_each(n.chunks.begin(), n.chunks.end(),
                        [&](auto& chunk) { adopt(chunk.value, pending); });
        } else if constexpr (std::is_same_v<Node, VList>) {
          adopt_all(n.type);
          n.items.release_items(pending);
        } else if constexpr (std::is_same_v<Node, VSome> ||
                             std::is_same_v<Node, VShowConstructor>) {
          adopt_all(n.value);
        } else if constexpr (std::is_same_v<Node, VRecordType> ||
                             std::is_same_v<Node, VRecordLit>) {
          adopt_fields(n.fields, pending);
        } else if constexpr (std::is_same_v<Node, VUnionType>) {
          adopt_fields(n.alternatives, pending);
        } else if constexpr (std::is_same_v<Node, VInject>) {
          adopt_all(n.union_type, n.payload);
        } else if constexpr (std::is_same_v<Node, VIf>) {
          adopt_all(n.condition, n.then_branch, n.else_branch);
        } else if constexpr (std::is_same_v<Node, VOp>) {
          adopt_all(n.lhs, n.rhs);
        } else if constexpr (std::is_same_v<Node, VField> || std::is_same_v<Node, VProject>) {
          adopt_all(n.record);
        } else if constexpr (std::is_same_v<Node, VMerge>) {
          adopt_all(n.handlers, n.union_value, n.type);
        } else if constexpr (std::is_same_v<Node, VToMap>) {
          adopt_all(n.record, n.type);
        } else if constexpr (std::is_same_v<Node, VAssert>) {
          adopt_all(n.type);
        } else if constexpr (std::is_same_v<Node, VWith>) {
          adopt_all(n.record, n.value);
        }
        // The remaining nodes (constants, variables, literals) hold no values.
      },
      node);
}

} // namespace

Value::~Value() {
  if (pending_release != nullptr) {
    adopt_children(node_, *pending_release);
    return;
  }
  std::vector<ValuePtr> pending;
  pending_release = &pending;
  adopt_children(node_, pending);
  while (!pending.empty()) {
    auto next = std::move(pending.back());
    pending.pop_back();
    next.reset(); // its children join `pending`
  }
  pending_release = nullptr;
}

ValuePtr make_const(Const value) {
  static const ValuePtr type = make_value(VConst{Const::type});
  static const ValuePtr kind = make_value(VConst{Const::kind});
  static const ValuePtr sort = make_value(VConst{Const::sort});
  switch (value) {
  case Const::type:
    return type;
  case Const::kind:
    return kind;
  case Const::sort:
    return sort;
  }
  return type;
}

ValuePtr make_bool(bool value) {
  static const ValuePtr true_value = make_value(VBool{true});
  static const ValuePtr false_value = make_value(VBool{false});
  return value ? true_value : false_value;
}

ValuePtr make_builtin(Builtin builtin) {
  // One shared argument-less value per builtin (time_zone is the last
  // enumerator of Builtin).
  static const auto table = [] {
    std::vector<ValuePtr> values;
    for (auto index = 0; index <= static_cast<int>(Builtin::time_zone); ++index) {
      values.push_back(make_value(VBuiltin{static_cast<Builtin>(index), {}}));
    }
    return values;
  }();
  return table[static_cast<std::size_t>(builtin)];
}

ValuePtr make_var(Label name, std::int64_t level) {
  return make_value(VVar{name, level});
}

ValuePtr make_natural(Natural value) {
  return make_value(VNatural{std::move(value)});
}

ValuePtr make_text(std::string text) {
  return make_value(VText{{}, std::move(text)});
}

namespace {

ValuePtr builtin_argument(const Value& value, Builtin builtin) {
  const auto* applied = value.as<VBuiltin>();
  if (applied == nullptr || applied->builtin != builtin || applied->args.size() != 1) {
    return nullptr;
  }
  return applied->args[0];
}

} // namespace

ValuePtr list_element_type(const Value& value) {
  return builtin_argument(value, Builtin::list);
}

ValuePtr optional_element_type(const Value& value) {
  return builtin_argument(value, Builtin::optional);
}

bool is_builtin_type(const Value& value, Builtin builtin) {
  const auto* applied = value.as<VBuiltin>();
  return applied != nullptr && applied->builtin == builtin && applied->args.empty();
}

} // namespace polar::dhall
