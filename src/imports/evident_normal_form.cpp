#include "imports/detail/evident_normal_form.h"

#include <cstddef>

namespace polar::dhall {
namespace {

// Deeper trees are left to the normalizer, whose depth guard reports them.
constexpr std::size_t max_depth = 1000;

class Reducer {
public:
  explicit Reducer(const std::function<bool(const Expr&)>& known_normal)
      : known_normal_(known_normal) {}

  // The normal form of `expr`, or null when it is not evident.
  ExprPtr normal_form(const ExprPtr& expr) {
    if (known_normal_(*expr)) {
      return expr;
    }
    if (depth_ >= max_depth) {
      return nullptr;
    }
    ++depth_;
    ExprPtr result = std::visit([&](const auto& node) { return reduce(expr, node); }, expr->node());
    --depth_;
    return result;
  }

private:
  // Whether `expr` is normal as it stands (its normal form is itself).
  bool normal(const ExprPtr& expr) { return normal_form(expr) == expr; }
  bool optional_normal(const ExprPtr& expr) { return expr == nullptr || normal(expr); }

  // `expr` when it is normal as it stands, else null: for the nodes whose
  // reduced children are not rebuilt here (they are rare in packages).
  static ExprPtr kept_if(bool normal, const ExprPtr& expr) { return normal ? expr : nullptr; }

  ExprPtr reduce(const ExprPtr& expr, const BuiltinRef&) { return expr; }
  ExprPtr reduce(const ExprPtr& expr, const ConstRef&) { return expr; }
  ExprPtr reduce(const ExprPtr& expr, const BoolLit&) { return expr; }
  ExprPtr reduce(const ExprPtr& expr, const NaturalLit&) { return expr; }
  ExprPtr reduce(const ExprPtr& expr, const IntegerLit&) { return expr; }
  ExprPtr reduce(const ExprPtr& expr, const DoubleLit&) { return expr; }
  ExprPtr reduce(const ExprPtr& expr, const BytesLit&) { return expr; }
  ExprPtr reduce(const ExprPtr& expr, const DateLit&) { return expr; }
  ExprPtr reduce(const ExprPtr& expr, const TimeLit&) { return expr; }
  ExprPtr reduce(const ExprPtr& expr, const TimeZoneLit&) { return expr; }
  // Interpolations may splice or collapse ("${x}" is x): normalize them.
  ExprPtr reduce(const ExprPtr& expr, const TextLit& node) {
    return kept_if(node.chunks.empty(), expr);
  }
  ExprPtr reduce(const ExprPtr& expr, const ListLit& node) {
    for (const auto& item : node.items) {
      if (!normal(item)) {
        return nullptr;
      }
    }
    // A non-empty list's annotation is an Annot node, never this field.
    return kept_if(node.items.empty() ? node.type != nullptr && normal(node.type)
                                      : node.type == nullptr,
                   expr);
  }
  ExprPtr reduce(const ExprPtr& expr, const Some& node) {
    return kept_if(normal(node.value), expr);
  }
  ExprPtr reduce(const ExprPtr& expr, const RecordType& node) {
    return with_fields<RecordType>(expr, node.fields);
  }
  ExprPtr reduce(const ExprPtr& expr, const RecordLit& node) {
    return with_fields<RecordLit>(expr, node.fields);
  }
  ExprPtr reduce(const ExprPtr& expr, const UnionType& node) {
    return with_fields<UnionType>(expr, node.alternatives);
  }
  ExprPtr reduce(const ExprPtr& expr, const Field& node) {
    ExprPtr record = normal_form(node.record);
    if (record && record->is<UnionType>()) {
      // `< A : T | B >.A`: a constructor is normal when its union type is.
      return record == node.record ? expr : make_expr(Field{record, node.name}, expr->span());
    }
    // `{ x = v, … }.x` is v; the type checker saw to it that x is there.
    const auto* literal = record ? record->as<RecordLit>() : nullptr;
    if (literal == nullptr) {
      return nullptr;
    }
    auto found = literal->fields.find(node.name);
    return found != literal->fields.end() ? found->second : nullptr;
  }
  ExprPtr reduce(const ExprPtr&, const BinOp& node) {
    if (node.op != Op::combine) {
      return nullptr;
    }
    ExprPtr lhs = normal_form(node.lhs);
    ExprPtr rhs = lhs ? normal_form(node.rhs) : nullptr;
    return rhs ? combined(lhs, rhs) : nullptr;
  }
  ExprPtr reduce(const ExprPtr& expr, const App& node) {
    if (const auto* builtin = node.fn->as<BuiltinRef>()) {
      // Type formers and `None` do not compute on their argument.
      bool inert = builtin->builtin == Builtin::list || builtin->builtin == Builtin::optional ||
                   builtin->builtin == Builtin::none;
      return kept_if(inert && normal(node.arg), expr);
    }
    // A union constructor applied to its payload.
    return kept_if(node.fn->is<Field>() && normal(node.fn) && normal(node.arg), expr);
  }
  // Everything else (binders, variables, other operators, merges, …) may
  // reduce, or is rare enough in imported files not to matter.
  template <typename Other>
  ExprPtr reduce(const ExprPtr&, const Other&) {
    return nullptr;
  }

  // `expr` when all its fields are normal as they stand, a copy with the
  // reduced ones replaced, or null.
  template <typename Node>
  ExprPtr with_fields(const ExprPtr& expr, const FieldMap& fields) {
    FieldMap reduced;
    bool changed = false;
    for (const auto& [name, value] : fields) {
      ExprPtr normal_value = value ? normal_form(value) : nullptr;
      if (value && !normal_value) {
        return nullptr;
      }
      changed |= normal_value != value;
      reduced.emplace_hint(reduced.end(), name, std::move(normal_value));
    }
    return changed ? make_expr(Node{std::move(reduced)}, expr->span()) : expr;
  }

  // `lhs ∧ rhs` of two normal forms (standard/beta-normalization.md): the
  // fields of both, those in both merged the same way, when both are record
  // literals; else null (a neutral merge is left to the normalizer).
  static ExprPtr combined(const ExprPtr& lhs, const ExprPtr& rhs) {
    const auto* left = lhs->as<RecordLit>();
    const auto* right = rhs->as<RecordLit>();
    if (left == nullptr || right == nullptr) {
      return nullptr;
    }
    if (right->fields.empty()) {
      return lhs;
    }
    if (left->fields.empty()) {
      return rhs;
    }
    FieldMap fields = left->fields;
    for (const auto& [name, value] : right->fields) {
      auto [field, inserted] = fields.try_emplace(name, value);
      if (!inserted) {
        field->second = combined(field->second, value);
        if (!field->second) {
          return nullptr;
        }
      }
    }
    return make_expr(RecordLit{std::move(fields)});
  }

  const std::function<bool(const Expr&)>& known_normal_;
  std::size_t depth_ = 0;
};

} // namespace

ExprPtr evident_normal_form(const ExprPtr& expr,
                            const std::function<bool(const Expr&)>& known_normal) {
  return Reducer(known_normal).normal_form(expr);
}

} // namespace polar::dhall
