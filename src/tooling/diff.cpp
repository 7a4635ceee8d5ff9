#include "tooling/diff.h"

#include <algorithm>
#include <functional>
#include <string_view>
#include <vector>

#include "syntax/literals.h"
#include "syntax/print_tokens.h"
#include "syntax/printer.h"
#include "tooling/detail/common_subsequence.h"
#include "tooling/detail/diff_document.h"

namespace polar::dhall {
namespace {

using diff_layout::Document;

const Document unchanged("…");

Document line_break() {
  return Document::line_break();
}
Document aligned(Document inner) {
  return Document::aligned(std::move(inner));
}

// `- left` over `+ right`.
Document difference(const Document& left, const Document& right) {
  Document shown = aligned(Document("- ") + left + line_break() + Document("+ ") + right);
  return shown.differing();
}

// `shown`, then `suffix` when it is the same on both sides, else a line
// break: a difference ends its line.
Document then(const Document& shown, std::string_view suffix) {
  return shown + (shown.same() ? Document(suffix) : line_break());
}

// The expression as the printer writes it, its lines aligned.
Document printed(const ExprPtr& expr) {
  std::string text = print(*expr);
  Document shown;
  std::size_t start = 0;
  for (std::size_t end = text.find('\n'); end != std::string::npos;
       start = end + 1, end = text.find('\n', start)) {
    shown += Document(std::string_view(text).substr(start, end - start)) + line_break();
  }
  shown += Document(std::string_view(text).substr(start));
  return aligned(shown);
}

Document compare_tokens(const std::string& left, const std::string& right) {
  return left == right ? unchanged : difference(Document(left), Document(right));
}

// `first` then each later item on its own line after `separator`.
Document stacked(std::string_view first, std::string_view separator,
                 const std::vector<Document>& items) {
  Document shown(first);
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) {
      shown += line_break() + Document(separator);
    }
    shown += items[i];
  }
  return aligned(shown);
}

// `{ a`, `, b`, `}` on their own lines (or `{ }` when empty).
Document enclosed(std::string_view open, std::string_view separator, std::string_view close,
                  const std::vector<Document>& items) {
  if (items.empty()) {
    return Document(std::string(open) + std::string(close));
  }
  return aligned(stacked(open, separator, items) + line_break() + Document(close));
}

// What an expression is, its parts elided: shown when two expressions are
// of different kinds.
Document skeleton(const ExprPtr& expr) {
  const Node& node = expr->node();
  auto parts = [](std::initializer_list<std::string_view> tokens) {
    std::string text;
    for (std::string_view token : tokens) {
      text += token;
    }
    return Document(text);
  };
  if (expr->is<Lambda>()) {
    return parts({"λ(… : …) → …"});
  }
  if (expr->is<Pi>()) {
    return parts({"… → …"});
  }
  if (const auto* app = expr->as<App>()) {
    if (const auto* builtin = app->fn->as<BuiltinRef>();
        builtin != nullptr &&
        (builtin->builtin == Builtin::optional || builtin->builtin == Builtin::list ||
         builtin->builtin == Builtin::none)) {
      return parts({builtin_name(builtin->builtin), " …"});
    }
    return parts({"… …"});
  }
  if (expr->is<Some>()) {
    return parts({"Some …"});
  }
  if (expr->is<Let>()) {
    return parts({"let … = … in …"});
  }
  if (expr->is<Annot>()) {
    return parts({"… : …"});
  }
  if (const auto* op = std::get_if<BinOp>(&node)) {
    return parts({"… ", op_symbol(op->op), " …"});
  }
  if (expr->is<If>()) {
    return parts({"if … then … else …"});
  }
  if (expr->is<TextLit>()) {
    return parts({"\"…\""});
  }
  if (const auto* list = std::get_if<ListLit>(&node)) {
    return list->type ? parts({"[ … ] : List …"}) : parts({"[ … ]"});
  }
  if (expr->is<RecordType>()) {
    return parts({"{ … : … }"});
  }
  if (expr->is<RecordLit>()) {
    return parts({"{ … = … }"});
  }
  if (expr->is<UnionType>()) {
    return parts({"< … : … >"});
  }
  if (expr->is<Merge>()) {
    return parts({"merge … …"});
  }
  if (expr->is<Field>()) {
    return parts({"….…"});
  }
  if (expr->is<Project>() || expr->is<ProjectByType>()) {
    return parts({"….{ … }"});
  }
  if (expr->is<ToMap>()) {
    return parts({"toMap …"});
  }
  if (expr->is<Assert>()) {
    return parts({"assert : …"});
  }
  return printed(expr);
}

Document mismatch(const ExprPtr& left, const ExprPtr& right) {
  return difference(skeleton(left), skeleton(right));
}

Document compare(const ExprPtr& left, const ExprPtr& right);

Document compare_labels(const Label& left, const Label& right) {
  return compare_tokens(printing::variable_label(left), printing::variable_label(right));
}

// Both sides' chains of one kind of node, compared link by link: `link`
// shows one pair of links and returns the pair that continue the chain, or
// nulls at its end, where the rest is compared as a whole.
template <typename Node>
std::vector<Document>
chain(ExprPtr left, ExprPtr right, const std::function<Document(const Node&, const Node&)>& link,
      const std::function<std::pair<ExprPtr, ExprPtr>(const Node&, const Node&)>& next) {
  std::vector<Document> items;
  while (left->is<Node>() && right->is<Node>()) {
    const Node& l = *left->as<Node>();
    const Node& r = *right->as<Node>();
    items.push_back(link(l, r));
    std::tie(left, right) = next(l, r);
  }
  items.push_back(compare(left, right));
  return items;
}

// Fields (or alternatives) of two records (or unions): those only one side
// has, then the shared ones that differ, then `…` for the shared ones that
// do not. `assign` is `=` for literals, `:` for types.
std::vector<Document> compare_fields(const FieldMap& left, const FieldMap& right,
                                     std::string_view assign) {
  std::vector<Document> items;
  bool same_labels = left.size() == right.size() &&
                     std::equal(left.begin(), left.end(), right.begin(),
                                [](const auto& a, const auto& b) { return a.first == b.first; });
  auto only = [&](const FieldMap& fields, const FieldMap& other, std::string_view sign) {
    for (const auto& [label, value] : fields) {
      if (!other.contains(label)) {
        Document entry(std::string(sign) + printing::field_label(label));
        if (value) {
          entry += Document(" ") + Document(assign) + Document(" …");
        }
        items.push_back(entry.differing());
      }
    }
  };
  only(left, right, "- ");
  only(right, left, "+ ");
  bool any_same = false;
  for (const auto& [label, value] : left) {
    auto found = right.find(label);
    if (found == right.end()) {
      continue;
    }
    const ExprPtr& other = found->second;
    Document shown;
    if (value && other) {
      shown = compare(value, other);
    } else if (value || other) {
      shown =
          difference(value ? printed(value) : Document(""), other ? printed(other) : Document(""));
    } else {
      shown = unchanged;
    }
    if (shown.same()) {
      any_same = true;
      continue;
    }
    items.push_back(Document(same_labels ? "" : "  ") + Document(printing::field_label(label)) +
                    Document(" ") + Document(assign) + Document(" ") + shown);
  }
  if (any_same) {
    items.push_back(unchanged);
  }
  return items;
}

// Items only on the left (`- `), only on the right (`+ `), and one `…` for
// each run of shared ones, in list order.
Document compare_items(const std::vector<ExprPtr>& left, const std::vector<ExprPtr>& right) {
  if (left.empty() && right.empty()) {
    return Document("[ ]");
  }
  std::vector<std::string> left_text, right_text;
  for (const auto& item : left) {
    left_text.push_back(print(*item));
  }
  for (const auto& item : right) {
    right_text.push_back(print(*item));
  }
  Shared shared = common_subsequence(left_text, right_text);
  if (std::find(shared.left.begin(), shared.left.end(), true) == shared.left.end()) {
    return difference(Document("[ … ]"), Document("[ … ]"));
  }
  std::vector<Document> items;
  std::size_t i = 0, j = 0;
  while (i < left.size() || j < right.size()) {
    if (i < left.size() && !shared.left[i]) {
      items.push_back((Document("- ") + printed(left[i++])).differing());
    } else if (j < right.size() && !shared.right[j]) {
      items.push_back((Document("+ ") + printed(right[j++])).differing());
    } else {
      while (i < left.size() && j < right.size() && shared.left[i] && shared.right[j]) {
        ++i, ++j;
      }
      items.push_back(unchanged);
    }
  }
  return enclosed("[ ", ", ", "]", items);
}

// The code points of UTF-8 text.
std::vector<std::string_view> code_points(std::string_view text) {
  std::vector<std::string_view> points;
  for (std::size_t at = 0; at < text.size();) {
    std::size_t end = at + 1;
    while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
      ++end;
    }
    points.push_back(text.substr(at, end - at));
    at = end;
  }
  return points;
}

// Two pieces of text as one literal with the characters only one side has
// marked (Document::removed, Document::added), as dhall diff shows them;
// `"…"` when they are the same, `""` when both are empty. Compared as
// written in the literal (escaped), so a line break is `\n`. Texts with no
// character in common are shown whole, `- "a"` over `+ "b"` (dhall diff
// shows `- "…"` over `+ "…"`, hiding both).
Document compare_characters(std::string_view left, std::string_view right) {
  if (left == right) {
    return Document(left.empty() ? "\"\"" : "\"…\"");
  }
  std::string left_text = escape_text(left, DollarEscape::before_brace);
  std::string right_text = escape_text(right, DollarEscape::before_brace);
  auto a = code_points(left_text), b = code_points(right_text);
  Shared shared = common_subsequence(a, b);
  if (std::find(shared.left.begin(), shared.left.end(), true) == shared.left.end()) {
    return difference(Document("\"" + left_text + "\""), Document("\"" + right_text + "\""));
  }
  Document shown("\"");
  std::size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    std::string run;
    while (i < a.size() && !shared.left[i]) {
      run += a[i++];
    }
    if (!run.empty()) {
      shown += Document::removed(run);
      run.clear();
    }
    while (j < b.size() && !shared.right[j]) {
      run += b[j++];
    }
    if (!run.empty()) {
      shown += Document::added(run);
      run.clear();
    }
    while (i < a.size() && j < b.size() && shared.left[i] && shared.right[j]) {
      run += a[i++];
      ++j;
    }
    if (!run.empty()) {
      shown += Document::kept(run);
    }
  }
  return shown + Document("\"");
}

// dhall diff's text: each piece of text between interpolations compared
// character by character, each interpolated expression as an expression.
Document compare_text(const TextLit& left, const TextLit& right, const ExprPtr& left_expr,
                      const ExprPtr& right_expr) {
  if (left.chunks.size() != right.chunks.size()) {
    return difference(printed(left_expr), printed(right_expr));
  }
  if (left.chunks.empty()) {
    return compare_characters(left.tail, right.tail);
  }
  std::vector<Document> parts;
  for (std::size_t i = 0; i < left.chunks.size(); ++i) {
    parts.push_back(compare_characters(left.chunks[i].prefix, right.chunks[i].prefix));
    parts.push_back(compare(left.chunks[i].expr, right.chunks[i].expr));
  }
  parts.push_back(compare_characters(left.tail, right.tail));
  return stacked("   ", "++ ", parts);
}

// Kinds of nodes whose pairs compare part by part.
Document compare_same_kind(const ExprPtr& left, const ExprPtr& right) {
  const Node& l = left->node();
  const Node& r = right->node();
  if (std::holds_alternative<Lambda>(l)) {
    auto items = chain<Lambda>(
        left, right,
        [](const Lambda& a, const Lambda& b) {
          return aligned(Document("λ(") + then(compare_labels(a.param, b.param), " ") +
                         Document(": ") + then(compare(a.type, b.type), "") + Document(")"));
        },
        [](const Lambda& a, const Lambda& b) { return std::pair(a.body, b.body); });
    return stacked("  ", "→ ", items);
  }
  if (std::holds_alternative<Pi>(l)) {
    auto items = chain<Pi>(
        left, right,
        [](const Pi& a, const Pi& b) {
          Document label = compare_labels(a.param, b.param);
          Document domain = compare(a.domain, b.domain);
          if (label.same() && domain.same()) {
            return unchanged;
          }
          return aligned(Document("∀(") + then(label, " ") + Document(": ") + then(domain, "") +
                         Document(")"));
        },
        [](const Pi& a, const Pi& b) { return std::pair(a.codomain, b.codomain); });
    return stacked("  ", "→ ", items);
  }
  if (std::holds_alternative<If>(l)) {
    auto items = chain<If>(
        left, right,
        [](const If& a, const If& b) {
          return aligned(Document("if ") + then(compare(a.condition, b.condition), " ") +
                         Document("then ") + compare(a.then_branch, b.then_branch));
        },
        [](const If& a, const If& b) { return std::pair(a.else_branch, b.else_branch); });
    return stacked("      ", "else  ", items);
  }
  if (std::holds_alternative<Let>(l)) {
    auto items = chain<Let>(
        left, right,
        [](const Let& a, const Let& b) {
          Document shown = Document("let ") + then(compare_labels(a.name, b.name), " ");
          if (a.annotation && b.annotation) {
            shown += Document(": ") + then(compare(a.annotation, b.annotation), " ");
          } else if (a.annotation || b.annotation) {
            shown += then(difference(Document(a.annotation ? ": …" : ""),
                                     Document(b.annotation ? ": …" : "")),
                          " ");
          }
          return aligned(shown + Document("= ") + compare(a.value, b.value));
        },
        [](const Let& a, const Let& b) { return std::pair(a.body, b.body); });
    return stacked("    ", "in  ", items);
  }
  if (const auto* a = std::get_if<BinOp>(&l)) {
    Op op = a->op;
    if (std::get<BinOp>(r).op != op) {
      return mismatch(left, right);
    }
    // a + b + c is ((a + b) + c): collect the operands left to right.
    std::vector<Document> items;
    ExprPtr x = left, y = right;
    std::vector<Document> reversed;
    while (x->is<BinOp>() && y->is<BinOp>() && x->as<BinOp>()->op == op &&
           y->as<BinOp>()->op == op) {
      reversed.push_back(compare(x->as<BinOp>()->rhs, y->as<BinOp>()->rhs));
      ExprPtr next_x = x->as<BinOp>()->lhs;
      y = y->as<BinOp>()->lhs;
      x = next_x;
    }
    reversed.push_back(compare(x, y));
    items.assign(reversed.rbegin(), reversed.rend());
    // `+ b` under `  a`, `++  b` under `    a`: a one-character operator
    // takes one space after it, a longer one two.
    std::string symbol(op_symbol(op));
    bool one_character =
        std::count_if(symbol.begin(), symbol.end(), [](char c) { return (c & 0xC0) != 0x80; }) == 1;
    std::string separator = symbol + (one_character ? " " : "  ");
    return stacked(std::string(one_character ? 2 : 4, ' '), separator, items);
  }
  if (std::holds_alternative<App>(l)) {
    std::vector<Document> reversed;
    ExprPtr x = left, y = right;
    while (x->is<App>() && y->is<App>()) {
      reversed.push_back(compare(x->as<App>()->arg, y->as<App>()->arg));
      ExprPtr next_x = x->as<App>()->fn;
      y = y->as<App>()->fn;
      x = next_x;
    }
    reversed.push_back(compare(x, y));
    return stacked("", "", std::vector<Document>(reversed.rbegin(), reversed.rend()));
  }
  if (const auto* a = std::get_if<Some>(&l)) {
    return stacked("", "", {Document("Some"), compare(a->value, std::get<Some>(r).value)});
  }
  if (std::holds_alternative<Field>(l) || std::holds_alternative<Project>(l)) {
    std::vector<Document> reversed;
    ExprPtr x = left, y = right;
    while (true) {
      if (x->is<Field>() && y->is<Field>()) {
        reversed.push_back(compare_tokens(printing::field_label(x->as<Field>()->name),
                                          printing::field_label(y->as<Field>()->name)));
        x = x->as<Field>()->record, y = y->as<Field>()->record;
      } else if (x->is<Project>() && y->is<Project>()) {
        const auto& a = x->as<Project>()->labels;
        const auto& b = y->as<Project>()->labels;
        FieldMap fa, fb;
        for (const Label& label : a) {
          fa.emplace(label, nullptr);
        }
        for (const Label& label : b) {
          fb.emplace(label, nullptr);
        }
        reversed.push_back(enclosed("{ ", ", ", "}", compare_fields(fa, fb, "")));
        x = x->as<Project>()->record, y = y->as<Project>()->record;
      } else {
        break;
      }
    }
    reversed.push_back(compare(x, y));
    return stacked("  ", ". ", std::vector<Document>(reversed.rbegin(), reversed.rend()));
  }
  if (const auto* a = std::get_if<Merge>(&l)) {
    const auto& b = std::get<Merge>(r);
    Document shown = Document("merge ") + then(compare(a->handlers, b.handlers), " ") +
                     then(compare(a->union_value, b.union_value), " ");
    if (a->type && b.type) {
      shown += Document(": ") + compare(a->type, b.type);
    } else if (a->type || b.type) {
      shown += difference(Document(a->type ? ": …" : ""), Document(b.type ? ": …" : ""));
    }
    return aligned(shown);
  }
  if (const auto* a = std::get_if<ListLit>(&l)) {
    const auto& b = std::get<ListLit>(r);
    Document shown = compare_items(a->items, b.items);
    if (a->type || b.type) {
      shown = then(shown, " ");
      if (a->type && b.type) {
        shown += Document(": ") + compare(a->type, b.type);
      } else {
        shown += difference(Document(a->type ? ": …" : ""), Document(b.type ? ": …" : ""));
      }
    }
    return aligned(shown);
  }
  if (const auto* a = std::get_if<TextLit>(&l)) {
    return compare_text(*a, std::get<TextLit>(r), left, right);
  }
  if (const auto* a = std::get_if<RecordType>(&l)) {
    return enclosed("{ ", ", ", "}",
                    compare_fields(a->fields, std::get<RecordType>(r).fields, ":"));
  }
  if (const auto* a = std::get_if<RecordLit>(&l)) {
    if (a->fields.empty() && std::get<RecordLit>(r).fields.empty()) {
      return Document("{=}");
    }
    return enclosed("{ ", ", ", "}", compare_fields(a->fields, std::get<RecordLit>(r).fields, "="));
  }
  if (const auto* a = std::get_if<UnionType>(&l)) {
    return enclosed("< ", "| ", ">",
                    compare_fields(a->alternatives, std::get<UnionType>(r).alternatives, ":"));
  }
  if (const auto* a = std::get_if<Var>(&l)) {
    const auto& b = std::get<Var>(r);
    return then(compare_labels(a->name, b.name), "") + Document("@") +
           compare_tokens(a->index.to_string(), b.index.to_string());
  }
  // Builtins, constants, literals and the rest: equal or not as printed.
  std::string a = print(*left), b = print(*right);
  if (a == b) {
    return unchanged;
  }
  if (a.find('\n') == std::string::npos && b.find('\n') == std::string::npos &&
      (std::holds_alternative<BuiltinRef>(l) || std::holds_alternative<ConstRef>(l) ||
       std::holds_alternative<BoolLit>(l) || std::holds_alternative<NaturalLit>(l) ||
       std::holds_alternative<IntegerLit>(l) || std::holds_alternative<DoubleLit>(l))) {
    return difference(Document(a), Document(b));
  }
  return difference(printed(left), printed(right));
}

Document compare(const ExprPtr& left, const ExprPtr& right) {
  if (left->node().index() != right->node().index()) {
    return mismatch(left, right);
  }
  return compare_same_kind(left, right);
}

} // namespace

ExpressionDifference diff_expressions(const ExprPtr& left, const ExprPtr& right, DiffMarks marks) {
  Document shown = compare(left, right);
  return {.same = shown.same(), .shown = shown.render(marks)};
}

} // namespace polar::dhall
