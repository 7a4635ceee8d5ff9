#include "imports/detail/imported_forms.h"

#include <functional>
#include <span>

#include "binary/encode.h"
#include "semantics/eval.h"

namespace polar::dhall {

void ImportedForms::add(const ExprPtr& value) {
  forms_.try_emplace(value.get(), Forms{value, nullptr, nullptr});
}

ExprPtr ImportedForms::alpha_normalize(const ExprPtr& expr) {
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

EncodedBytes ImportedForms::encode(const ExprPtr& expr) {
  auto found = forms_.find(expr.get());
  bool recorded = found != forms_.end();
  if (recorded && found->second.encoding) {
    return found->second.encoding;
  }
  KnownEncoding known = [&](const Expr& node) -> std::span<const std::uint8_t> {
    if (&node == expr.get()) {
      return {};
    }
    auto inner = forms_.find(&node);
    // The bytes outlive the call: a recorded node keeps its encoding.
    return inner != forms_.end() ? *encode(inner->second.value) : std::span<const std::uint8_t>{};
  };
  auto result = std::make_shared<const std::vector<std::uint8_t>>(dhall::encode(*expr, known));
  if (recorded) {
    forms_.at(expr.get()).encoding = result;
  }
  return result;
}

} // namespace polar::dhall
