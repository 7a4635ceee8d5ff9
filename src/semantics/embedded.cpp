#include "semantics/embedded.h"

#include <unordered_map>
#include <utility>

#include "semantics/detail/eval_internal.h"

namespace polar::dhall {
namespace {

// The live embeddings by the address of their value, so that quote() can
// find them. Values are evaluated and read back by one thread per load.
thread_local std::unordered_map<const Value*, const EmbeddedValue*> embeddings;

} // namespace

EmbeddedValue::EmbeddedValue(ValuePtr value, ValuePtr type, ExprPtr syntax)
    : value_(std::move(value)), type_(std::move(type)), syntax_(std::move(syntax)) {
  // The first embedding of a value keeps the entry (any of them would do:
  // all stand for the same closed value).
  embeddings.emplace(value_.get(), this);
}

EmbeddedValue::~EmbeddedValue() {
  if (auto found = embeddings.find(value_.get());
      found != embeddings.end() && found->second == this) {
    embeddings.erase(found);
  }
}

const ExprPtr& EmbeddedValue::syntax() const {
  if (!syntax_) {
    syntax_ = detail::quote_embedded(value_, holds_imports_);
  }
  return syntax_;
}

ExprPtr EmbeddedValue::node() const {
  return make_expr(Embedded{shared_from_this()});
}

ExprPtr embed(ValuePtr value, ValuePtr type, ExprPtr syntax, Span span) {
  auto embedding =
      std::make_shared<EmbeddedValue>(std::move(value), std::move(type), std::move(syntax));
  return make_expr(Embedded{std::move(embedding)}, std::move(span));
}

const EmbeddedValue* embedded_value(const Expr& expr) {
  const auto* node = expr.as<Embedded>();
  return node != nullptr ? dynamic_cast<const EmbeddedValue*>(node->embedding.get()) : nullptr;
}

const EmbeddedValue* detail::embedding_of(const Value* value) {
  if (embeddings.empty()) {
    return nullptr;
  }
  auto found = embeddings.find(value);
  return found == embeddings.end() ? nullptr : found->second;
}

} // namespace polar::dhall
