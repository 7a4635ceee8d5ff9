#include "imports/detail/imported_forms.h"

#include <functional>
#include <vector>

#include "binary/encode.h"
#include "semantics/eval.h"

namespace polar::dhall {

void ImportedForms::add(const ExprPtr& value) {
  if (const auto* embedded = value->as<Embedded>()) {
    // Reading it back now would undo what embedding saves.
    pending_.push_back(embedded->embedding);
    return;
  }
  forms_.try_emplace(value.get(), Forms{value, nullptr, nullptr});
}

ExprPtr ImportedForms::syntax_of(const Embedded& node) {
  ExprPtr syntax = node.embedding->syntax();
  // Reading back took the syntax of the embeddings inside from them: their
  // trees are part of this one, and their forms known below.
  std::erase_if(pending_, [&](const std::shared_ptr<const Embedding>& embedding) {
    if (!embedding->has_syntax()) {
      return false;
    }
    add(embedding->syntax());
    return true;
  });
  add(syntax);
  return syntax;
}

ExprPtr ImportedForms::alpha_normalize(const ExprPtr& expr) {
  if (const auto* embedded = expr->as<Embedded>()) {
    return alpha_normalize(syntax_of(*embedded));
  }
  auto found = forms_.find(expr.get());
  bool recorded = found != forms_.end();
  if (recorded && found->second.alpha_normal) {
    return found->second.alpha_normal;
  }
  std::function<ExprPtr(const Expr&)> known = [&](const Expr& node) -> ExprPtr {
    if (&node == expr.get()) {
      return nullptr;
    }
    auto inner = forms_.find(&node);
    return inner != forms_.end() ? alpha_normalize(inner->second.value) : nullptr;
  };
  ExprPtr result = dhall::alpha_normalize(expr, known);
  if (recorded) {
    // Looked up again: the calls above may have rehashed the table.
    forms_.at(expr.get()).alpha_normal = result;
    // The α-normal form of a value is closed too, and its own.
    forms_.try_emplace(result.get(), Forms{result, result, nullptr});
  }
  return result;
}

EncodingPtr ImportedForms::encode(const ExprPtr& expr) {
  if (const auto* embedded = expr->as<Embedded>()) {
    return encode(syntax_of(*embedded));
  }
  auto found = forms_.find(expr.get());
  bool recorded = found != forms_.end();
  if (recorded && found->second.encoding) {
    return found->second.encoding;
  }
  KnownEncoding known = [&](const Expr& node) -> EncodingPtr {
    if (&node == expr.get()) {
      return nullptr;
    }
    auto inner = forms_.find(&node);
    return inner != forms_.end() ? encode(inner->second.value) : nullptr;
  };
  EncodingPtr result = encode_shared(*expr, &known);
  if (recorded) {
    forms_.at(expr.get()).encoding = result;
  }
  return result;
}

} // namespace polar::dhall
