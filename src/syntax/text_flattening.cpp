#include "syntax/text_flattening.h"

#include <type_traits>
#include <vector>

#include "syntax/spine.h"

namespace polar::dhall {
namespace {

ExprPtr flat(const ExprPtr& e) {
  return e ? flatten_interpolated_text(e) : nullptr;
}

FieldMap flat(const FieldMap& fields) {
  FieldMap result;
  for (const auto& [label, value] : fields) {
    result.emplace_hint(result.end(), label, flat(value));
  }
  return result;
}

TextLit flat(const TextLit& text) {
  TextLit result;
  std::string pending;
  for (const TextChunk& chunk : text.chunks) {
    pending += chunk.prefix;
    ExprPtr inner = flat(chunk.expr);
    if (const auto* literal = inner->as<TextLit>()) {
      for (const TextChunk& inner_chunk : literal->chunks) {
        result.chunks.push_back({pending + inner_chunk.prefix, inner_chunk.expr});
        pending.clear();
      }
      pending += literal->tail;
    } else {
      result.chunks.push_back({pending, inner});
      pending.clear();
    }
  }
  result.tail = pending + text.tail;
  return result;
}

// `node` with its children flattened; `spine`, when given, is the flattened
// child that continues its chain (syntax/spine.h), done by the caller.
Node flat_node(const Node& node, const ExprPtr* spine) {
  auto flat_or = [&](const ExprPtr& child) { return spine != nullptr ? *spine : flat(child); };
  return std::visit(
      [&](const auto& n) -> Node {
        using T = std::decay_t<decltype(n)>;
        if constexpr (std::is_same_v<T, Lambda>) {
          return Lambda{n.param, flat(n.type), flat(n.body)};
        } else if constexpr (std::is_same_v<T, Pi>) {
          return Pi{n.param, flat(n.domain), flat(n.codomain)};
        } else if constexpr (std::is_same_v<T, App>) {
          return App{flat_or(n.fn), flat(n.arg)};
        } else if constexpr (std::is_same_v<T, Let>) {
          return Let{n.name, flat(n.annotation), flat(n.value), flat_or(n.body)};
        } else if constexpr (std::is_same_v<T, Annot>) {
          return Annot{flat(n.expr), flat(n.type)};
        } else if constexpr (std::is_same_v<T, If>) {
          return If{flat(n.condition), flat(n.then_branch), flat(n.else_branch)};
        } else if constexpr (std::is_same_v<T, BinOp>) {
          return BinOp{n.op, flat_or(n.lhs), flat(n.rhs)};
        } else if constexpr (std::is_same_v<T, TextLit>) {
          return flat(n);
        } else if constexpr (std::is_same_v<T, ListLit>) {
          ListLit list{flat(n.type), {}};
          for (const ExprPtr& item : n.items) {
            list.items.push_back(flat(item));
          }
          return list;
        } else if constexpr (std::is_same_v<T, Some>) {
          return Some{flat(n.value)};
        } else if constexpr (std::is_same_v<T, RecordType>) {
          return RecordType{flat(n.fields)};
        } else if constexpr (std::is_same_v<T, RecordLit>) {
          return RecordLit{flat(n.fields)};
        } else if constexpr (std::is_same_v<T, UnionType>) {
          return UnionType{flat(n.alternatives)};
        } else if constexpr (std::is_same_v<T, Field>) {
          return Field{flat(n.record), n.name};
        } else if constexpr (std::is_same_v<T, Project>) {
          return Project{flat(n.record), n.labels};
        } else if constexpr (std::is_same_v<T, ProjectByType>) {
          return ProjectByType{flat(n.record), flat(n.type)};
        } else if constexpr (std::is_same_v<T, Merge>) {
          return Merge{flat(n.handlers), flat(n.union_value), flat(n.type)};
        } else if constexpr (std::is_same_v<T, ToMap>) {
          return ToMap{flat(n.record), flat(n.type)};
        } else if constexpr (std::is_same_v<T, ShowConstructor>) {
          return ShowConstructor{flat(n.value)};
        } else if constexpr (std::is_same_v<T, Assert>) {
          return Assert{flat(n.type)};
        } else if constexpr (std::is_same_v<T, With>) {
          return With{flat(n.record), n.path, flat(n.value)};
        } else {
          return n; // leaves; imports keep their headers as written
        }
      },
      node);
}

} // namespace

ExprPtr flatten_interpolated_text(const ExprPtr& expr) {
  // Chains in a loop: a file of 100,000 lets is a tree as deep as it is long.
  std::vector<const ExprPtr*> links;
  const ExprPtr* current = &expr;
  while (const ExprPtr* next = spine_child(**current)) {
    links.push_back(current);
    current = next;
  }
  ExprPtr result = make_expr(flat_node((*current)->node(), nullptr), (*current)->span());
  for (auto link = links.rbegin(); link != links.rend(); ++link) {
    result = make_expr(flat_node((**link)->node(), &result), (**link)->span());
  }
  return result;
}

} // namespace polar::dhall
