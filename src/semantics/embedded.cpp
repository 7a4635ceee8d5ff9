#include "semantics/embedded.h"

#include <unordered_map>
#include <utility>
#include <vector>

#include "semantics/detail/eval_internal.h"
#include "semantics/eval.h"

namespace polar::dhall {
namespace {

// A type literal's node and, when it is closed, its value. The node is
// watched, not kept: once it is gone its address may name another node.
struct KnownLiteral {
  std::weak_ptr<const Expr> node;
  ValuePtr value; // null: the node is no closed type literal
};

// Values are evaluated and read back by one thread per load, hence one
// table of each per thread. One object, so that the literals (whose values
// may hold Embedded nodes) are released before the embeddings table their
// destructors update.
struct ThreadTables {
  // The live embeddings by the address of their value, so that quote() can
  // find them.
  std::unordered_map<const Value*, const EmbeddedValue*> embeddings;
  // Record and union type literals met by eval: detail::closed_type_literal.
  std::unordered_map<const Expr*, KnownLiteral> type_literals;
};
thread_local ThreadTables tables;
auto& embeddings = tables.embeddings;

// Whether `root`, a record or union type literal, is made only of builtins,
// constants, resolved imports, applications and other such literals: then
// no variable occurs in it. Parts still to be decoded count as variables
// (finding out would decode them).
bool closed_literal(const Expr& root) {
  std::vector<const Expr*> pending{&root};
  while (!pending.empty()) {
    const Expr* expr = pending.back();
    pending.pop_back();
    if (expr != &root && expr->is_deferred()) {
      return false;
    }
    const Node& node = expr->node();
    if (const auto* record = std::get_if<RecordType>(&node)) {
      for (const auto& [label, type] : record->fields) {
        pending.push_back(type.get());
      }
    } else if (const auto* union_type = std::get_if<UnionType>(&node)) {
      for (const auto& [label, type] : union_type->alternatives) {
        if (type) {
          pending.push_back(type.get());
        }
      }
    } else if (const auto* app = std::get_if<App>(&node)) {
      pending.push_back(app->fn.get());
      pending.push_back(app->arg.get());
    } else if (!std::holds_alternative<BuiltinRef>(node) &&
               !std::holds_alternative<ConstRef>(node) && !std::holds_alternative<Embedded>(node)) {
      return false;
    }
  }
  return true;
}

} // namespace

ValuePtr detail::closed_type_literal(const ExprPtr& expr) {
  // Parsed syntax names a type once and binds it with `let`: only syntax
  // that was not parsed (decoded, read back) repeats it, and is looked up.
  if (expr->span().known() || (!expr->is<RecordType>() && !expr->is<UnionType>())) {
    return nullptr;
  }
  auto [found, added] = tables.type_literals.try_emplace(expr.get());
  // A reference, not the iterator: evaluating the literal adds the
  // literals inside it, and a rehash moves no element.
  KnownLiteral& known = found->second;
  if (added || known.node.expired()) {
    known = {expr, nullptr};
    if (closed_literal(*expr)) {
      // Meanwhile the entry says "none": this evaluation is the plain one.
      ValuePtr value = eval(Env{}, expr);
      known.value = std::move(value);
    }
  }
  return known.value;
}

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
