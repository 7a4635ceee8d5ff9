#include "semantics/embedded.h"

#include <cstdint>
#include <unordered_map>
#include <utility>
#include <vector>

#include "semantics/detail/eval_internal.h"
#include "semantics/eval.h"
#include "syntax/node_table.h"

namespace polar::dhall {
namespace {

// Whether a type literal is closed, and its value once asked. Its node is
// watched, not kept (NodeTable).
struct KnownLiteral {
  enum class State : std::uint8_t { open, closed, evaluating };
  State state = State::open;
  ValuePtr value; // null until a closed literal is first evaluated
};
using KnownLiterals = NodeTable<KnownLiteral>;

struct ThreadTables {
  // The live embeddings by the address of their value, so that quote() can
  // find them.
  std::unordered_map<const Value*, const EmbeddedValue*> embeddings;
  // Record and union type literals met by eval: detail::closed_type_literal.
  KnownLiterals type_literals;
};
thread_local ThreadTables tables;
auto& embeddings = tables.embeddings;

// Whether `root`, a record or union type literal, is made only of builtins,
// constants, resolved imports, applications and other such literals: then
// no variable occurs in it. Parts still to be decoded count as variables
// (finding out would decode them). Literals inside it that `known` has
// decided are not walked again, and those found closed are entered: each
// is evaluated on its own when its record is read, and would otherwise
// walk its part of the tree once more.
bool closed_literal(const ExprPtr& root, KnownLiterals& known) {
  std::vector<const ExprPtr*> pending{&root};
  std::vector<const ExprPtr*> inner_literals;
  while (!pending.empty()) {
    const ExprPtr& expr = *pending.back();
    pending.pop_back();
    if (&expr != &root) {
      if (expr->is_deferred()) {
        return false;
      }
      if (expr->is<RecordType>() || expr->is<UnionType>()) {
        if (const KnownLiteral* entry = known.find(*expr)) {
          if (entry->state == KnownLiteral::State::open) {
            return false;
          }
          continue;
        }
        inner_literals.push_back(&expr);
      }
    }
    const Node& node = expr->node();
    if (const auto* record = std::get_if<RecordType>(&node)) {
      for (const auto& [label, type] : record->fields) {
        pending.push_back(&type);
      }
    } else if (const auto* union_type = std::get_if<UnionType>(&node)) {
      for (const auto& [label, type] : union_type->alternatives) {
        if (type) {
          pending.push_back(&type);
        }
      }
    } else if (const auto* app = std::get_if<App>(&node)) {
      pending.push_back(&app->fn);
      pending.push_back(&app->arg);
    } else if (!std::holds_alternative<BuiltinRef>(node) &&
               !std::holds_alternative<ConstRef>(node) && !std::holds_alternative<Embedded>(node)) {
      return false;
    }
  }
  for (const ExprPtr* literal : inner_literals) {
    known.entry(*literal).first = {KnownLiteral::State::closed, nullptr};
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
  using State = KnownLiteral::State;
  auto& known_literals = tables.type_literals;
  // The walk and the evaluation below add entries: the reference stays.
  auto [known, fresh] = known_literals.entry(expr);
  if (fresh) {
    if (closed_literal(expr, known_literals)) {
      known.state = State::closed;
    }
  }
  if (known.state != State::closed) {
    return nullptr; // open, or being evaluated: the plain evaluation
  }
  if (!known.value) {
    struct Evaluating {
      KnownLiteral& known;
      ~Evaluating() { known.state = State::closed; }
    } evaluating{known};
    known.state = State::evaluating;
    known.value = eval(Env{}, expr);
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
