#pragma once
// The type-checking context Γ: for every binder in scope (λ, ∀ and let,
// outermost first, one per de Bruijn level) its name, its type and the
// evaluation environment that binds it. λ/∀ parameters evaluate to fresh
// neutral variables; let-bound names evaluate to their values, which is how
// `let` is checked without substitution.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "semantics/value.h"
#include "syntax/expr.h"

namespace polar::dhall {

class TypeContext {
public:
  // Number of binders in scope: the level the next binder gets.
  std::int64_t level() const { return static_cast<std::int64_t>(scopes_.size()); }
  std::size_t depth() const { return scopes_.size(); }
  const Env& env() const;
  const std::vector<Label>& names() const { return names_; }

  // Binds a λ or ∀ parameter of type `type`; returns the neutral variable
  // that stands for it.
  ValuePtr bind(Label name, ValuePtr type);
  // Binds a let: `name` stands for `value`, of type `type`.
  void define(Label name, ValuePtr value, ValuePtr type);
  // Drops the innermost binders until `depth` remain.
  void truncate(std::size_t depth);

  // The type of `name@index`, or null when no binder of that name is in
  // scope at that index.
  ValuePtr lookup(Label name, const Natural& index) const;
  // The type of the binder at `level` (0 <= level < level()).
  const ValuePtr& type_at(std::int64_t level) const {
    return scopes_[static_cast<std::size_t>(level)].type;
  }

  // The evaluator's operations at this context's level.
  ValuePtr eval(const ExprPtr& expr) const;
  ExprPtr quote(const ValuePtr& value) const;
  bool conv(const ValuePtr& a, const ValuePtr& b) const;

private:
  struct Scope {
    ValuePtr type;
    Env env; // the environment with this binder innermost
  };
  std::vector<Scope> scopes_; // indexed by level
  std::vector<Label> names_;  // indexed by level, as quote() wants them
};

// Restores the context to its depth at construction when it ends, so that
// every binder pushed while checking a sub-expression is dropped, also when
// an Error propagates.
class ScopeGuard {
public:
  explicit ScopeGuard(TypeContext& context) : context_(context), depth_(context.depth()) {}
  ~ScopeGuard() { context_.truncate(depth_); }
  ScopeGuard(const ScopeGuard&) = delete;
  ScopeGuard& operator=(const ScopeGuard&) = delete;

private:
  TypeContext& context_;
  std::size_t depth_;
};

} // namespace polar::dhall
