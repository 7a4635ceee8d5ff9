#pragma once
// Semantic values for normalization by evaluation (see docs/evaluation.md).
//
// A Value is what an Expr evaluates to: literals and type formers hold their
// evaluated parts, functions hold a Closure (environment + unevaluated body),
// and computations that cannot proceed (because they depend on a variable)
// are "neutral" terms (VVar, VApp, VOp, ...). Values are immutable and
// shared through ValuePtr; nothing is ever deep-copied.
//
// Bound variables are identified by de Bruijn *levels* (0 = outermost
// binder), so a value never needs shifting when it is moved under more
// binders. quote() turns levels back into `x@n` indices.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "semantics/detail/list_items.h"
#include "syntax/expr.h"

namespace polar::dhall {

class Value;
using ValuePtr = std::shared_ptr<const Value>;
class LazyValue;

// Alternatives of union types, sorted by label; those without a payload map
// to null.
using ValueFieldMap = std::map<Label, ValuePtr>;

// The evaluation environment: a persistent list of (name, value) bindings,
// innermost first. Extending shares the tail, so capturing an Env in a
// closure is O(1).
class Env {
public:
  Env() = default;

  // The environment with `name` bound to `value` innermost.
  Env extend(Label name, ValuePtr value) const;
  // The value of `name@index`. A variable the environment does not bind is
  // free: it becomes a neutral VVar with a negative level (see VVar).
  ValuePtr lookup(Label name, const Natural& index) const;
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  // Whether both are the same bindings (not merely equal ones).
  bool is_same(const Env& other) const { return head_ == other.head_; }
  // `expr` suspended in this environment, as LazyValue(env, expr) is,
  // except that a node suspended here before gives that same suspension:
  // a normal form spells out the value of a `let` at each of its uses, the
  // decoder makes them one node, and one evaluation then serves them all
  // (docs/evaluation.md, "Inlined lets").
  LazyValue suspend_shared(const ExprPtr& expr) const;

private:
  struct SharedSuspensions;
  struct Binding {
    Binding(Label bound, ValuePtr bound_value, std::shared_ptr<const Binding> rest);
    Label name;
    ValuePtr value;
    // Mutable only for the destructor, which unlinks the rest of a list no
    // one else holds in a loop: a chain of thousands of lets binds
    // thousands of names.
    mutable std::shared_ptr<const Binding> next;
    // The suspensions of suspend_shared in the environment this binding
    // heads, made when first needed.
    mutable std::unique_ptr<SharedSuspensions> suspensions;
    ~Binding();
  };
  std::shared_ptr<const Binding> head_;
  std::size_t size_ = 0;
};

// The body of a λ or ∀: either Dhall code to evaluate in a captured
// environment, or a host function (builtins, types built by the checker).
class Closure {
public:
  using HostFunction = std::function<ValuePtr(const ValuePtr&)>;

  Closure(Label param, Env env, ExprPtr body);
  Closure(Label param, HostFunction host);

  Label param() const { return param_; }
  // The body with the parameter bound to `arg`.
  ValuePtr apply(const ValuePtr& arg) const;

private:
  Label param_;
  Env env_;
  ExprPtr body_;      // null for host closures
  HostFunction host_; // empty for code closures
};

// A field of a record literal or record type value, evaluated the first time
// it is used. Evaluating a record suspends its fields (docs/evaluation.md,
// "Lazy record fields"): a program that imports a package of a thousand
// schemas and uses two of them evaluates two, and a record type of a thousand
// field types is read only where it is looked at. force() evaluates once and
// every copy of the LazyValue shares the result. Forcing mutates shared
// state: a value must not be forced from two threads at once (each load
// evaluates its own values).
class LazyValue {
public:
  // An evaluated field; implicit, so that a ValuePtr is a LazyValue.
  LazyValue(ValuePtr value) : value_(std::move(value)) {} // NOLINT(google-explicit-constructor)
  // `expr` to be evaluated in `env` when first forced.
  LazyValue(Env env, ExprPtr expr);

  const ValuePtr& force() const;
  // Whether both are still suspended, in the same environment, on
  // expressions decoded from equal encodings (Deferred): then they evaluate
  // to equal values, and conv need not evaluate them.
  bool has_same_suspension(const LazyValue& other) const;
  // The value if it has been evaluated (by this copy), else null. For the
  // iterative destructor, which must not evaluate anything.
  ValuePtr& evaluated() const { return value_; }

private:
  friend class Env; // suspend_shared
  struct Suspension {
    Env env;
    ExprPtr expr;
    ValuePtr value; // set once forced; env and expr are then released
  };
  explicit LazyValue(std::shared_ptr<Suspension> suspension) : suspension_(std::move(suspension)) {}

  mutable ValuePtr value_;
  mutable std::shared_ptr<Suspension> suspension_;
};

// The fields of a record literal or record type value, sorted by label.
using LazyFieldMap = std::map<Label, LazyValue>;

// ---------------------------------------------------------------------------
// Value nodes

struct VConst {
  Const value;
};

// A variable (neutral). level >= 0: bound by the binder at that de Bruijn
// level (0 = outermost). level < 0: the free variable `name@(-level - 1)` of
// the whole expression being evaluated.
struct VVar {
  Label name;
  std::int64_t level;
};

struct VLambda {
  ValuePtr domain;
  Closure body;
};
struct VPi {
  ValuePtr domain;
  Closure codomain;
};

// A stuck application: `fn` is neutral (a variable, a stuck application, a
// stuck field selection, ...). Applied λs, builtins and union constructors
// never become a VApp.
struct VApp {
  ValuePtr fn;
  ValuePtr arg;
};

// A builtin applied to fewer arguments than it needs, or to arguments it
// cannot compute with yet (e.g. `Natural/even x`). Also the type formers:
// `List A` is VBuiltin{list, {A}}, `Optional A` is VBuiltin{optional, {A}},
// `None A` is VBuiltin{none, {A}}, `Natural` is VBuiltin{natural, {}}.
struct VBuiltin {
  Builtin builtin;
  std::vector<ValuePtr> args;
};

struct VBool {
  bool value;
};
struct VNatural {
  Natural value;
};
struct VInteger {
  Integer value;
};
struct VDouble {
  double value;
};
// "a${x}b" is chunks {("a", x)} and tail "b". Normal text values never
// contain an interpolated text literal (they are flattened) and never
// consist of a single bare interpolation (that is just the value).
struct VTextChunk {
  std::string prefix;
  ValuePtr value;
};
struct VText {
  std::vector<VTextChunk> chunks;
  std::string tail;
};
struct VBytes {
  std::vector<std::uint8_t> bytes;
};
struct VDate {
  std::uint16_t year;
  std::uint8_t month;
  std::uint8_t day;
};
struct VTime {
  std::uint8_t hour;
  std::uint8_t minute;
  Natural second_fraction;
  std::uint32_t precision;
};
struct VTimeZone {
  std::int16_t minutes;
};

// A list literal. `type` is the whole annotation `List A` of an empty list
// (null for non-empty lists). The items may share storage with other lists
// (list_items.h).
struct VList {
  ValuePtr type;
  ListItems items;
};
struct VSome {
  ValuePtr value;
};

struct VRecordType {
  LazyFieldMap fields;
};
struct VRecordLit {
  LazyFieldMap fields;
};
struct VUnionType {
  ValueFieldMap alternatives;
};
// A union value: `<A : T | B>.A x` (payload set) or `<A : T | B>.B`
// (payload null, the alternative has no type). `union_type` is a
// VUnionType. The constructor `<A : T | B>.A` itself, not yet applied, is a
// VField of the union type.
struct VInject {
  ValuePtr union_type;
  Label tag;
  ValuePtr payload;
};

// Stuck forms (neutral terms and type formers that never reduce) ------------

struct VIf {
  ValuePtr condition;
  ValuePtr then_branch;
  ValuePtr else_branch;
};
// A binary operator that cannot reduce; `≡` always stays a VOp.
struct VOp {
  Op op;
  ValuePtr lhs;
  ValuePtr rhs;
};
// `r.x` on a neutral r, or a union constructor `<A : T>.A` awaiting its
// argument.
struct VField {
  ValuePtr record;
  Label name;
};
// `r.{ a, b }` on a neutral r; labels sorted, without duplicates.
struct VProject {
  ValuePtr record;
  std::vector<Label> labels;
};
struct VMerge {
  ValuePtr handlers;
  ValuePtr union_value;
  ValuePtr type; // null when absent
};
struct VToMap {
  ValuePtr record;
  ValuePtr type; // null when absent
};
struct VShowConstructor {
  ValuePtr value;
};
struct VAssert {
  ValuePtr type;
};
// `r with a.b = v` on a neutral r (after all reducible steps are done).
struct VWith {
  ValuePtr record;
  std::vector<WithStep> path;
  ValuePtr value;
};

using ValueNode = std::variant<VConst, VVar, VLambda, VPi, VApp, VBuiltin, VBool, VNatural,
                               VInteger, VDouble, VText, VBytes, VDate, VTime, VTimeZone, VList,
                               VSome, VRecordType, VRecordLit, VUnionType, VInject, VIf, VOp,
                               VField, VProject, VMerge, VToMap, VShowConstructor, VAssert, VWith>;

class Value {
public:
  explicit Value(ValueNode node) : node_(std::move(node)) {}
  // Releases sub-values iteratively, so that dropping a very deep value
  // (e.g. `n + 1 + 1 + …` unrolled by Natural/fold) cannot overflow the stack.
  ~Value();
  Value(const Value&) = delete;
  Value& operator=(const Value&) = delete;

  const ValueNode& node() const { return node_; }

  template <typename T>
  const T* as() const {
    return std::get_if<T>(&node_);
  }
  template <typename T>
  bool is() const {
    return std::holds_alternative<T>(node_);
  }

private:
  ValueNode node_;
};

inline ValuePtr make_value(ValueNode node) {
  return std::make_shared<const Value>(std::move(node));
}

// Shared constants and small constructors ------------------------------------

ValuePtr make_const(Const value);
ValuePtr make_bool(bool value);
// A builtin with no arguments yet (`Natural`, `List`, `Natural/fold`, ...).
ValuePtr make_builtin(Builtin builtin);
ValuePtr make_var(Label name, std::int64_t level);
ValuePtr make_natural(Natural value);
ValuePtr make_text(std::string text); // a text literal without interpolation

// Pattern helpers for the type checker: the argument of `List A`,
// `Optional A` (null when `value` is not of that shape).
ValuePtr list_element_type(const Value& value);
ValuePtr optional_element_type(const Value& value);
// Is `value` the builtin type `builtin` with no arguments (`Natural`, ...)?
bool is_builtin_type(const Value& value, Builtin builtin);

} // namespace polar::dhall
