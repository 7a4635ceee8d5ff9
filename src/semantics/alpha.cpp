// α-normalization (standard/alpha-normalization.md): every bound variable is
// renamed to `_`, so its index becomes the plain de Bruijn index. A purely
// syntactic pass: nothing is β-reduced.
//
// Subtrees that are already α-normal (no binders, or binders named `_`) are
// returned as they are instead of being copied: the normal forms that
// integrity checks hash are mostly binder-free records and unions, and
// sharing them saves both the copy and the memory of a second tree. A shared
// subtree in which no variable refers outside it is normalized once: its
// α-normal form is the same wherever it occurs (docs/evaluation.md,
// "Hashing a shared graph").
#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include "semantics/detail/eval_internal.h"
#include "semantics/eval.h"
#include "syntax/spine.h"

namespace polar::dhall {
namespace {

const Label underscore("_");

class AlphaNormalizer {
public:
  explicit AlphaNormalizer(const std::function<ExprPtr(const Expr&)>* known_closed = nullptr)
      : known_closed_(known_closed) {}

  ExprPtr normalize(const ExprPtr& expr) {
    if (!expr) {
      return nullptr;
    }
    if (known_closed_ != nullptr) {
      if (ExprPtr known = (*known_closed_)(*expr)) {
        return known;
      }
    }
    if (const auto* embedded = expr->as<Embedded>()) {
      // A resolved import: its syntax is what is α-normalized.
      return normalize(embedded->embedding->syntax());
    }
    bool shared = expr.use_count() > 1;
    if (shared) {
      if (auto found = closed_.find(expr.get()); found != closed_.end()) {
        return found->second.normal;
      }
    }
    detail::ClosedPart part(lowest_binder_, static_cast<std::int64_t>(names_.size()));
    ExprPtr result = normalize_node(expr);
    if (shared && part.closed()) {
      closed_.emplace(expr.get(), Normalized{expr, result});
    }
    return result;
  }

  // Each overload returns the α-normal node, or nullopt when the node is
  // α-normal already.
  using Changed = std::optional<Node>;

  Changed operator()(const Var& var) {
    Var result = renamed(var);
    if (result.name == var.name && result.index == var.index) {
      return std::nullopt;
    }
    return result;
  }
  Changed operator()(const Lambda& node) {
    auto type = normalize(node.type);
    auto body = under_binder(node.param, node.body);
    if (node.param == underscore && type == node.type && body == node.body) {
      return std::nullopt;
    }
    return Lambda{underscore, std::move(type), std::move(body)};
  }
  Changed operator()(const Pi& node) {
    auto domain = normalize(node.domain);
    auto codomain = under_binder(node.param, node.codomain);
    if (node.param == underscore && domain == node.domain && codomain == node.codomain) {
      return std::nullopt;
    }
    return Pi{underscore, std::move(domain), std::move(codomain)};
  }
  Changed operator()(const Let& node) {
    auto annotation = normalize(node.annotation);
    auto value = normalize(node.value);
    auto body = under_binder(node.name, node.body);
    if (node.name == underscore && annotation == node.annotation && value == node.value &&
        body == node.body) {
      return std::nullopt;
    }
    return Let{underscore, std::move(annotation), std::move(value), std::move(body)};
  }
  Changed operator()(const App& node) {
    return rebuilt(node, [](auto& copy) { return std::tie(copy.fn, copy.arg); });
  }
  Changed operator()(const Annot& node) {
    return rebuilt(node, [](auto& copy) { return std::tie(copy.expr, copy.type); });
  }
  Changed operator()(const If& node) {
    return rebuilt(node, [](auto& copy) {
      return std::tie(copy.condition, copy.then_branch, copy.else_branch);
    });
  }
  Changed operator()(const BinOp& node) {
    return rebuilt(node, [](auto& copy) { return std::tie(copy.lhs, copy.rhs); });
  }
  Changed operator()(const TextLit& node) {
    std::vector<ExprPtr> parts;
    parts.reserve(node.chunks.size());
    for (const auto& chunk : node.chunks) {
      parts.push_back(normalize(chunk.expr));
    }
    if (same(parts, node.chunks, [](const TextChunk& chunk) { return chunk.expr; })) {
      return std::nullopt;
    }
    TextLit text{{}, node.tail};
    text.chunks.reserve(parts.size());
    for (std::size_t i = 0; i < parts.size(); ++i) {
      text.chunks.push_back(TextChunk{node.chunks[i].prefix, std::move(parts[i])});
    }
    return text;
  }
  Changed operator()(const ListLit& node) {
    auto type = normalize(node.type);
    std::vector<ExprPtr> items;
    items.reserve(node.items.size());
    for (const auto& item : node.items) {
      items.push_back(normalize(item));
    }
    if (type == node.type && items == node.items) {
      return std::nullopt;
    }
    return ListLit{std::move(type), std::move(items)};
  }
  Changed operator()(const Some& node) {
    return rebuilt(node, [](auto& copy) { return std::tie(copy.value); });
  }
  Changed operator()(const RecordType& node) { return fields<RecordType>(node.fields); }
  Changed operator()(const RecordLit& node) { return fields<RecordLit>(node.fields); }
  Changed operator()(const UnionType& node) { return fields<UnionType>(node.alternatives); }
  Changed operator()(const Field& node) {
    return rebuilt(node, [](auto& copy) { return std::tie(copy.record); });
  }
  Changed operator()(const Project& node) {
    return rebuilt(node, [](auto& copy) { return std::tie(copy.record); });
  }
  Changed operator()(const ProjectByType& node) {
    return rebuilt(node, [](auto& copy) { return std::tie(copy.record, copy.type); });
  }
  Changed operator()(const Merge& node) {
    return rebuilt(node,
                   [](auto& copy) { return std::tie(copy.handlers, copy.union_value, copy.type); });
  }
  Changed operator()(const ToMap& node) {
    return rebuilt(node, [](auto& copy) { return std::tie(copy.record, copy.type); });
  }
  Changed operator()(const ShowConstructor& node) {
    return rebuilt(node, [](auto& copy) { return std::tie(copy.value); });
  }
  Changed operator()(const Assert& node) {
    return rebuilt(node, [](auto& copy) { return std::tie(copy.type); });
  }
  Changed operator()(const With& node) {
    return rebuilt(node, [](auto& copy) { return std::tie(copy.record, copy.value); });
  }
  Changed operator()(const ImportRef& ref) {
    const Import& node = ref.get();
    const auto* remote = std::get_if<RemoteImport>(&node.target);
    if (remote == nullptr) {
      return std::nullopt;
    }
    auto headers = normalize(remote->headers);
    if (headers == remote->headers) {
      return std::nullopt;
    }
    auto result = node;
    std::get<RemoteImport>(result.target).headers = std::move(headers);
    return result;
  }
  Changed operator()(const Embedded& node) {
    return normalize(node.embedding->syntax())->node(); // normalize() sees it first
  }
  // Leaves: constants, builtins and literals without sub-expressions.
  template <typename Leaf>
  Changed operator()(const Leaf&) {
    return std::nullopt;
  }

private:
  struct Normalized {
    ExprPtr original; // keeps the address, the key, from being reused
    ExprPtr normal;
  };

  ExprPtr normalize_node(const ExprPtr& expr) {
    detail::DepthGuard guard;
    if (spine_child(*expr) != nullptr) {
      return normalize_chain(expr);
    }
    std::optional<Node> changed = std::visit(*this, expr->node());
    return changed ? make_expr(std::move(*changed), expr->span()) : expr;
  }

  // A flat chain of lets, applications and operators (syntax/spine.h) in a
  // loop: down the chain normalizing what comes before the spine child (a
  // let's annotation and value, under the binders above it), then back up
  // normalizing what comes after it (an argument, a right operand) and
  // rebuilding the links that changed.
  ExprPtr normalize_chain(const ExprPtr& top) {
    struct Link {
      const ExprPtr* expr;
      ExprPtr annotation; // of a let
      ExprPtr value;      // of a let
    };
    std::vector<Link> links;
    std::size_t outer_names = names_.size();
    struct Restore {
      std::vector<Label>& names;
      std::size_t size;
      ~Restore() { names.resize(size); }
    } restore{names_, outer_names};
    const ExprPtr* current = &top;
    while (spine_child(**current) != nullptr &&
           (current == &top || known_closed_ == nullptr || !(*known_closed_)(**current))) {
      Link link{current, nullptr, nullptr};
      if (const auto* let = (*current)->as<Let>()) {
        link.annotation = normalize(let->annotation);
        link.value = normalize(let->value);
        names_.push_back(let->name);
      }
      links.push_back(std::move(link));
      current = spine_child(**current);
    }
    ExprPtr result = normalize(*current);
    for (auto link = links.rbegin(); link != links.rend(); ++link) {
      const ExprPtr& original = *link->expr;
      const ExprPtr& old_child = *spine_child(*original);
      if (const auto* let = original->as<Let>()) {
        names_.pop_back();
        if (let->name != underscore || link->annotation != let->annotation ||
            link->value != let->value || result != old_child) {
          result = make_expr(Let{underscore, std::move(link->annotation), std::move(link->value),
                                 std::move(result)},
                             original->span());
        } else {
          result = original;
        }
      } else if (const auto* app = original->as<App>()) {
        auto arg = normalize(app->arg);
        result = arg != app->arg || result != old_child
                     ? make_expr(App{std::move(result), std::move(arg)}, original->span())
                     : original;
      } else {
        const auto& op = *original->as<BinOp>();
        auto rhs = normalize(op.rhs);
        result = rhs != op.rhs || result != old_child
                     ? make_expr(BinOp{op.op, std::move(result), std::move(rhs)}, original->span())
                     : original;
      }
    }
    return result;
  }

  // The variable with its binder renamed to `_`.
  Var renamed(const Var& var) {
    // Find the binder: the index-th enclosing binder named var.name.
    auto remaining = var.index;
    for (auto position = names_.size(); position-- > 0;) {
      if (names_[position] != var.name) {
        continue;
      }
      if (remaining.is_zero()) {
        lowest_binder_ = std::min(lowest_binder_, static_cast<std::int64_t>(position));
        return Var{underscore, Natural(names_.size() - 1 - position)};
      }
      remaining = Natural::truncated_subtract(remaining, 1);
    }
    lowest_binder_ = -1;
    // Free: its binders-of-the-same-name were all skipped. A free `_` must
    // also skip every binder, now that all of them are named `_`.
    if (var.name == underscore) {
      return Var{underscore, remaining + Natural(names_.size())};
    }
    return Var{var.name, remaining};
  }

  // A copy of `node` whose sub-expressions (the slots `slots` ties) are
  // normalized, or nullopt when none of them changes.
  template <typename NodeType, typename Slots>
  Changed rebuilt(const NodeType& node, Slots slots) {
    auto normal = std::apply(
        [&](const auto&... slot) {
          return std::array<ExprPtr, sizeof...(slot)>{normalize(slot)...};
        },
        slots(node));
    auto original = std::apply(
        [](const auto&... slot) { return std::array<const ExprPtr*, sizeof...(slot)>{&slot...}; },
        slots(node));
    bool changed = false;
    for (std::size_t i = 0; i < normal.size(); ++i) {
      changed |= normal[i] != *original[i];
    }
    if (!changed) {
      return std::nullopt;
    }
    NodeType copy = node;
    std::apply(
        [&](auto&... slot) {
          std::size_t i = 0;
          ((slot = std::move(normal[i++])), ...);
        },
        slots(copy));
    return copy;
  }

  template <typename Result>
  Changed fields(const FieldMap& source) {
    std::vector<ExprPtr> values;
    values.reserve(source.size());
    for (const auto& entry : source) {
      values.push_back(normalize(entry.second));
    }
    if (same(values, source, [](const auto& entry) { return entry.second; })) {
      return std::nullopt;
    }
    FieldMap result;
    auto value = values.begin();
    for (const auto& entry : source) {
      result.emplace_hint(result.end(), entry.first, std::move(*value++));
    }
    return Result{std::move(result)};
  }

  // Whether `normalized` holds exactly the sub-expressions of `original`.
  template <typename Range, typename Get>
  static bool same(const std::vector<ExprPtr>& normalized, const Range& original, Get get) {
    auto it = normalized.begin();
    for (const auto& element : original) {
      if (*it++ != get(element)) {
        return false;
      }
    }
    return true;
  }

  ExprPtr under_binder(Label name, const ExprPtr& body) {
    names_.push_back(name);
    struct Pop {
      std::vector<Label>& names;
      ~Pop() { names.pop_back(); }
    } pop{names_};
    return normalize(body);
  }

  const std::function<ExprPtr(const Expr&)>* known_closed_;
  std::vector<Label> names_; // binders in scope, outermost first
  // The outermost binder a variable of the subtree being normalized refers
  // to (its position in names_), -1 for a free variable.
  std::int64_t lowest_binder_ = 0;
  // Shared subtrees without a variable bound outside them, by address.
  std::unordered_map<const Expr*, Normalized> closed_;
};

} // namespace

ExprPtr alpha_normalize(const ExprPtr& expr) {
  return AlphaNormalizer{}.normalize(expr);
}

ExprPtr alpha_normalize(const ExprPtr& expr,
                        const std::function<ExprPtr(const Expr&)>& known_closed) {
  return AlphaNormalizer(&known_closed).normalize(expr);
}

} // namespace polar::dhall
