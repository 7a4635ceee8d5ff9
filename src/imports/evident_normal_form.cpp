#include "imports/evident_normal_form.h"

#include <cstddef>

namespace polar::dhall {
namespace {

// Deeper trees are left to the normalizer, whose depth guard reports them.
constexpr std::size_t max_depth = 1000;

class Recognizer {
public:
  explicit Recognizer(const std::function<bool(const Expr&)>& known_normal)
      : known_normal_(known_normal) {}

  bool normal(const Expr& expr) {
    if (known_normal_(expr)) {
      return true;
    }
    if (depth_ >= max_depth) {
      return false;
    }
    ++depth_;
    bool result = std::visit([&](const auto& node) { return shape(node); }, expr.node());
    --depth_;
    return result;
  }

private:
  bool optional_normal(const ExprPtr& expr) { return expr == nullptr || normal(*expr); }

  bool fields_normal(const FieldMap& fields) {
    for (const auto& entry : fields) {
      if (!optional_normal(entry.second)) {
        return false;
      }
    }
    return true;
  }

  bool shape(const BuiltinRef&) { return true; }
  bool shape(const ConstRef&) { return true; }
  bool shape(const BoolLit&) { return true; }
  bool shape(const NaturalLit&) { return true; }
  bool shape(const IntegerLit&) { return true; }
  bool shape(const DoubleLit&) { return true; }
  bool shape(const BytesLit&) { return true; }
  bool shape(const DateLit&) { return true; }
  bool shape(const TimeLit&) { return true; }
  bool shape(const TimeZoneLit&) { return true; }
  // Interpolations may splice or collapse ("${x}" is x): normalize them.
  bool shape(const TextLit& node) { return node.chunks.empty(); }
  bool shape(const ListLit& node) {
    for (const auto& item : node.items) {
      if (!normal(*item)) {
        return false;
      }
    }
    // A non-empty list's annotation is an Annot node, never this field.
    return node.items.empty() ? node.type != nullptr && normal(*node.type) : node.type == nullptr;
  }
  bool shape(const Some& node) { return normal(*node.value); }
  bool shape(const RecordType& node) { return fields_normal(node.fields); }
  bool shape(const RecordLit& node) { return fields_normal(node.fields); }
  bool shape(const UnionType& node) { return fields_normal(node.alternatives); }
  // `< A : T | B >.A`: a constructor is normal when its union type is.
  bool shape(const Field& node) { return node.record->is<UnionType>() && normal(*node.record); }
  bool shape(const App& node) {
    if (const auto* builtin = node.fn->as<BuiltinRef>()) {
      // Type formers and `None` do not compute on their argument.
      bool inert = builtin->builtin == Builtin::list || builtin->builtin == Builtin::optional ||
                   builtin->builtin == Builtin::none;
      return inert && normal(*node.arg);
    }
    // A union constructor applied to its payload.
    return node.fn->is<Field>() && normal(*node.fn) && normal(*node.arg);
  }
  // Everything else (binders, variables, operators, selections, merges, …)
  // may reduce, or is rare enough in imported files not to matter.
  template <typename Other>
  bool shape(const Other&) {
    return false;
  }

  const std::function<bool(const Expr&)>& known_normal_;
  std::size_t depth_ = 0;
};

} // namespace

bool is_evidently_normal(const Expr& expr, const std::function<bool(const Expr&)>& known_normal) {
  return Recognizer(known_normal).normal(expr);
}

} // namespace polar::dhall
