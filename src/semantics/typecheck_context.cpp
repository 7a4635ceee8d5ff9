#include "semantics/detail/typecheck_context.h"

#include <utility>

#include "semantics/detail/eval_internal.h"
#include "semantics/eval.h"

namespace polar::dhall {

const Env& TypeContext::env() const {
  static const Env empty;
  return scopes_.empty() ? empty : scopes_.back().env;
}

ValuePtr TypeContext::bind(Label name, ValuePtr type) {
  auto variable = make_var(name, level());
  Env extended = env().extend(name, variable);
  scopes_.push_back(Scope{std::move(type), std::move(extended)});
  names_.push_back(name);
  return variable;
}

void TypeContext::define(Label name, ValuePtr value, ValuePtr type) {
  Env extended = env().extend(name, std::move(value));
  scopes_.push_back(Scope{std::move(type), std::move(extended)});
  names_.push_back(name);
}

void TypeContext::truncate(std::size_t depth) {
  scopes_.resize(depth);
  names_.resize(depth);
}

ValuePtr TypeContext::lookup(Label name, const Natural& index) const {
  if (!index.fits_uint64()) {
    return nullptr;
  }
  auto remaining = index.as_uint64();
  for (auto level = names_.size(); level-- > 0;) {
    if (names_[level] != name) {
      continue;
    }
    if (remaining == 0) {
      return scopes_[level].type;
    }
    --remaining;
  }
  return nullptr;
}

ValuePtr TypeContext::eval(const ExprPtr& expr) const {
  return polar::dhall::eval(env(), expr);
}

ExprPtr TypeContext::quote(const ValuePtr& value) const {
  return detail::quote_keeping_embeddings(value, names_);
}

bool TypeContext::conv(const ValuePtr& a, const ValuePtr& b) const {
  return polar::dhall::conv(a, b, level());
}

} // namespace polar::dhall
