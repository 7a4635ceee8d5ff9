// α-normalization (standard/alpha-normalization.md): every bound variable is
// renamed to `_`, so its index becomes the plain de Bruijn index. A purely
// syntactic pass: nothing is β-reduced.
#include <utility>

#include "semantics/eval.h"
#include "semantics/eval_internal.h"

namespace polar::dhall {
namespace {

const Label underscore("_");

class AlphaNormalizer {
public:
  ExprPtr normalize(const ExprPtr& expr) {
    if (!expr) {
      return nullptr;
    }
    detail::DepthGuard guard;
    return make_expr(std::visit(*this, expr->node()), expr->span());
  }

  Node operator()(const Var& var) {
    // Find the binder: the index-th enclosing binder named var.name.
    auto remaining = var.index;
    for (auto position = names_.size(); position-- > 0;) {
      if (names_[position] != var.name) {
        continue;
      }
      if (remaining.is_zero()) {
        return Var{underscore, Natural(names_.size() - 1 - position)};
      }
      remaining = Natural::truncated_subtract(remaining, 1);
    }
    // Free: its binders-of-the-same-name were all skipped. A free `_` must
    // also skip every binder, now that all of them are named `_`.
    if (var.name == underscore) {
      return Var{underscore, remaining + Natural(names_.size())};
    }
    return Var{var.name, remaining};
  }
  Node operator()(const Lambda& node) {
    auto type = normalize(node.type);
    return Lambda{underscore, std::move(type), under_binder(node.param, node.body)};
  }
  Node operator()(const Pi& node) {
    auto domain = normalize(node.domain);
    return Pi{underscore, std::move(domain), under_binder(node.param, node.codomain)};
  }
  Node operator()(const Let& node) {
    auto annotation = normalize(node.annotation);
    auto value = normalize(node.value);
    return Let{underscore, std::move(annotation), std::move(value),
               under_binder(node.name, node.body)};
  }
  Node operator()(const App& node) { return App{normalize(node.fn), normalize(node.arg)}; }
  Node operator()(const Annot& node) { return Annot{normalize(node.expr), normalize(node.type)}; }
  Node operator()(const If& node) {
    return If{normalize(node.condition), normalize(node.then_branch), normalize(node.else_branch)};
  }
  Node operator()(const BinOp& node) {
    return BinOp{node.op, normalize(node.lhs), normalize(node.rhs)};
  }
  Node operator()(const TextLit& node) {
    TextLit text;
    for (const auto& chunk : node.chunks) {
      text.chunks.push_back(TextChunk{chunk.prefix, normalize(chunk.expr)});
    }
    text.tail = node.tail;
    return text;
  }
  Node operator()(const ListLit& node) {
    ListLit list{normalize(node.type), {}};
    for (const auto& item : node.items) {
      list.items.push_back(normalize(item));
    }
    return list;
  }
  Node operator()(const Some& node) { return Some{normalize(node.value)}; }
  Node operator()(const RecordType& node) { return RecordType{fields(node.fields)}; }
  Node operator()(const RecordLit& node) { return RecordLit{fields(node.fields)}; }
  Node operator()(const UnionType& node) { return UnionType{fields(node.alternatives)}; }
  Node operator()(const Field& node) { return Field{normalize(node.record), node.name}; }
  Node operator()(const Project& node) { return Project{normalize(node.record), node.labels}; }
  Node operator()(const ProjectByType& node) {
    return ProjectByType{normalize(node.record), normalize(node.type)};
  }
  Node operator()(const Merge& node) {
    return Merge{normalize(node.handlers), normalize(node.union_value), normalize(node.type)};
  }
  Node operator()(const ToMap& node) { return ToMap{normalize(node.record), normalize(node.type)}; }
  Node operator()(const ShowConstructor& node) { return ShowConstructor{normalize(node.value)}; }
  Node operator()(const Assert& node) { return Assert{normalize(node.type)}; }
  Node operator()(const With& node) {
    return With{normalize(node.record), node.path, normalize(node.value)};
  }
  Node operator()(const Import& node) {
    auto result = node;
    if (auto* remote = std::get_if<RemoteImport>(&result.target)) {
      remote->headers = normalize(remote->headers);
    }
    return result;
  }
  // Leaves: constants, builtins and literals without sub-expressions.
  template <typename Leaf>
  Node operator()(const Leaf& leaf) {
    return leaf;
  }

private:
  ExprPtr under_binder(Label name, const ExprPtr& body) {
    names_.push_back(name);
    struct Pop {
      std::vector<Label>& names;
      ~Pop() { names.pop_back(); }
    } pop{names_};
    return normalize(body);
  }

  FieldMap fields(const FieldMap& source) {
    FieldMap result;
    for (const auto& [label, expr] : source) {
      result.emplace_hint(result.end(), label, normalize(expr));
    }
    return result;
  }

  std::vector<Label> names_; // binders in scope, outermost first
};

} // namespace

ExprPtr alpha_normalize(const ExprPtr& expr) {
  return AlphaNormalizer{}.normalize(expr);
}

} // namespace polar::dhall
