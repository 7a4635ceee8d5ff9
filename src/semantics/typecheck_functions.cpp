// Rules for functions, function types, application, let, annotations,
// assertions and if (standard/type-inference.md, "Functions" to
// "Assertions").
#include "semantics/detail/typecheck_checker.h"
#include "semantics/eval.h"

namespace polar::dhall {

// Γ₀ ⊢ A₀ : c₀   A₀ ⇥ A₁   Γ₀, x : A₁ ⊢ b : B   Γ₀ ⊢ ∀(x : A₁) → B : c₁
// ──────────────────────────────────────────────────────────────────────
// Γ₀ ⊢ λ(x : A₀) → b : ∀(x : A₁) → B
ValuePtr Checker::rule(const Expr&, const Lambda& node) {
  infer_universe(node.type, "the type of a function's parameter");
  auto domain = evaluate(node.type);
  ExprPtr codomain;
  {
    ScopeGuard scope(context_);
    context_.bind(node.param, domain);
    auto body_type = infer(node.body);
    // ∀(x : A₁) → B is well typed exactly when B has a type: every inferred
    // type has one except Sort.
    if (const auto* constant = body_type->as<VConst>();
        constant != nullptr && constant->value == Const::sort) {
      fail(*node.body, "a function cannot return this: its type is `Sort`, which has no type");
    }
    codomain = context_.quote(body_type);
  }
  return make_value(VPi{domain, Closure(node.param, context_.env(), codomain)});
}

// Γ₀ ⊢ A : i   Γ₀, x : A ⊢ B : o   i ↝ o : c
// ─────────────────────────────────────────
// Γ₀ ⊢ ∀(x : A) → B : c
ValuePtr Checker::rule(const Expr&, const Pi& node) {
  Const input = infer_universe(node.domain, "the input of a function type");
  auto domain = evaluate(node.domain);
  ScopeGuard scope(context_);
  context_.bind(node.param, domain);
  Const output = infer_universe(node.codomain, "the output of a function type");
  return make_const(function_check(input, output));
}

// Γ ⊢ f : ∀(x : A₀) → B₀   Γ ⊢ a : A₁   A₀ ≡ A₁
// ────────────────────────────────────────────
// Γ ⊢ f a : B₀[x ≔ a]
ValuePtr Checker::rule(const Expr&, const App& node) {
  auto function_type = infer(node.fn);
  const auto* pi = function_type->as<VPi>();
  if (pi == nullptr) {
    fail(*node.fn, "this is applied to an argument but is not a function: its type is " +
                       show(function_type));
  }
  auto argument_type = infer(node.arg);
  if (!context_.conv(pi->domain, argument_type)) {
    std::string message = "the function expects an argument of type " + show(pi->domain) +
                          " but was given a value of type " + show(argument_type);
    if (auto detail = difference(pi->domain, argument_type); !detail.empty()) {
      message += " (" + detail + ")";
    }
    fail(*node.arg, message);
  }
  return pi->codomain.apply(evaluate(node.arg));
}

// `let x : A = a in b` binds x to the value of a while b is checked (no
// substitution). A chain of lets is checked in a loop, so that long
// sequences of bindings do not deepen the recursion.
ValuePtr Checker::rule(const Expr&, const Let& first) {
  ScopeGuard scope(context_);
  const Let* binding = &first;
  while (true) {
    auto value_type = infer(binding->value);
    if (binding->annotation != nullptr) {
      // The annotation must be well typed before it is normalized.
      infer(binding->annotation);
      auto annotation = evaluate(binding->annotation);
      if (!context_.conv(annotation, value_type)) {
        std::string message = "`" + binding->name.str() + "` is annotated with type " +
                              show(annotation) + " but its value has type " + show(value_type);
        if (auto detail = difference(annotation, value_type); !detail.empty()) {
          message += " (" + detail + ")";
        }
        fail(*binding->value, message);
      }
    }
    context_.define(binding->name, evaluate(binding->value), value_type);
    const auto* next = binding->body->as<Let>();
    if (next == nullptr) {
      // The body's type never mentions the let-bound names (they evaluate
      // to their values), so it is also valid outside this scope.
      return infer(binding->body);
    }
    binding = next;
  }
}

// Γ ⊢ T₀ : i   Γ ⊢ t : T₁   T₀ ≡ T₁
// ─────────────────────────────────   and   (t : Sort) when t : Sort
// Γ ⊢ (t : T₀) : T₁
ValuePtr Checker::rule(const Expr&, const Annot& node) {
  if (const auto* constant = node.type->as<ConstRef>();
      constant != nullptr && constant->value == Const::sort) {
    auto actual = infer(node.expr);
    if (!context_.conv(actual, make_const(Const::sort))) {
      fail(*node.expr, "this expression has type " + show(actual) +
                           ", which does not match its annotation `Sort`");
    }
    return actual;
  }
  infer(node.type);
  auto annotation = evaluate(node.type);
  auto actual = infer(node.expr);
  if (!context_.conv(annotation, actual)) {
    std::string message = "this expression has type " + show(actual) +
                          ", which does not match its annotation " + show(annotation);
    if (auto detail = difference(annotation, actual); !detail.empty()) {
      message += ": " + detail;
    }
    fail(*node.expr, message);
  }
  return actual;
}

// Γ ⊢ T : Type   T ⇥ x === y   x ≡ y
// ──────────────────────────────────
// Γ ⊢ (assert : T) : x === y
ValuePtr Checker::rule(const Expr& expr, const Assert& node) {
  Const universe = infer_universe(node.type, "the annotation of `assert`");
  auto annotation = evaluate(node.type);
  const auto* equivalence = annotation->as<VOp>();
  if (universe != Const::type || equivalence == nullptr || equivalence->op != Op::equivalent) {
    fail(*node.type, "the annotation of `assert` must be an equivalence `x === y`, but it is " +
                         show(annotation));
  }
  if (!context_.conv(equivalence->lhs, equivalence->rhs)) {
    fail(expr, "assertion failed: " + show(equivalence->lhs) + " is not equivalent to " +
                   show(equivalence->rhs));
  }
  return annotation;
}

// Γ ⊢ t : Bool   Γ ⊢ l : L   Γ ⊢ r : R   Γ ⊢ L : c₀   Γ ⊢ R : c₁   L ≡ R
// ─────────────────────────────────────────────────────────────────────
// Γ ⊢ if t then l else r : L
ValuePtr Checker::rule(const Expr& expr, const If& node) {
  auto condition_type = infer(node.condition);
  if (!is_builtin_type(*condition_type, Builtin::bool_)) {
    fail(*node.condition,
         "the condition of `if` must be a Bool, but it has type " + show(condition_type));
  }
  auto branch_type = [&](const ExprPtr& branch) {
    auto type = infer(branch);
    if (const auto* constant = type->as<VConst>();
        constant != nullptr && constant->value == Const::sort) {
      fail(*branch, "the branches of `if` must be terms, types or kinds, but this one has type "
                    "`Sort`");
    }
    return type;
  };
  auto then_type = branch_type(node.then_branch);
  auto else_type = branch_type(node.else_branch);
  if (!context_.conv(then_type, else_type)) {
    fail(expr, "`if` branches must have the same type, but the `then` branch has type " +
                   show(then_type) + " and the `else` branch has type " + show(else_type));
  }
  return then_type;
}

} // namespace polar::dhall
