#include "syntax/printer.h"

#include <optional>
#include <string_view>
#include <vector>

#include "syntax/literals.h"
#include "syntax/print_tokens.h"

namespace polar::dhall {
namespace {

using namespace printing;

const Label underscore{"_"};

// How tightly a construct binds, loosest first, following the grammar from
// `expression` down to `primitive-expression`. Operators sit between
// `expression` and `application`, one level each (operator_level).
enum Level : int {
  expression = 0,
  first_operator = 1,
  application = 14,
  import_expression = 15,
  selector = 16,
  primitive = 17,
  always_parenthesize = 18,
};

int operator_level(Op op) {
  switch (op) {
  case Op::equivalent:
    return 1;
  case Op::import_alt:
    return 2;
  case Op::bool_or:
    return 3;
  case Op::natural_plus:
    return 4;
  case Op::text_append:
    return 5;
  case Op::list_append:
    return 6;
  case Op::bool_and:
    return 7;
  case Op::combine:
    return 8;
  case Op::prefer:
    return 9;
  case Op::combine_types:
    return 10;
  case Op::natural_times:
    return 11;
  case Op::bool_eq:
    return 12;
  case Op::bool_ne:
    return 13;
  case Op::record_completion:
    return import_expression;
  }
  return first_operator;
}

template <typename Node>
int level_of(const Node&) {
  return primitive;
}
int level_of(const Lambda&) {
  return expression;
}
int level_of(const Pi&) {
  return expression;
}
int level_of(const Let&) {
  return expression;
}
int level_of(const If&) {
  return expression;
}
int level_of(const Annot&) {
  return expression;
}
int level_of(const Assert&) {
  return expression;
}
int level_of(const With&) {
  return expression;
}
int level_of(const Merge& merge) {
  return merge.type ? expression : application;
}
int level_of(const ToMap& to_map) {
  return to_map.type ? expression : application;
}
int level_of(const ListLit& list) {
  return list.items.empty() ? expression : primitive; // `[] : T`
}
int level_of(const BinOp& op) {
  return operator_level(op.op);
}
int level_of(const App&) {
  return application;
}
int level_of(const Some&) {
  return application;
}
int level_of(const ShowConstructor&) {
  return application;
}
int level_of(const ImportRef&) {
  return import_expression;
}
int level(const Expr& e);
// A resolved import prints as its syntax (its β-normal form).
int level_of(const Embedded& node) {
  return level(*node.embedding->syntax());
}
int level_of(const Field&) {
  return selector;
}
int level_of(const Project&) {
  return selector;
}
int level_of(const ProjectByType&) {
  return selector;
}

int level(const Expr& e) {
  return std::visit([](const auto& node) { return level_of(node); }, e.node());
}

// Whether the broken layout of `e` starts with a hugging `T::{`, possibly
// behind `Some` or `toMap`.
bool opens_hug(const Expr& e) {
  if (const auto* op = e.as<BinOp>()) {
    const auto* record = op->rhs->as<RecordLit>();
    return op->op == Op::record_completion && record != nullptr && !record->fields.empty();
  }
  if (const auto* some = e.as<Some>()) {
    return opens_hug(*some->value);
  }
  const auto* to_map = e.as<ToMap>();
  return to_map != nullptr && !to_map->type && opens_hug(*to_map->record);
}

// `merge a b : T` and `toMap a : T` are forms of their own, so an annotated
// merge or toMap without a type needs parentheses.
int annotated_min(const Expr& e) {
  const auto* merge = e.as<Merge>();
  const auto* to_map = e.as<ToMap>();
  bool absorbs_annotation = (merge && !merge->type) || (to_map && !to_map->type);
  return absorbs_annotation ? always_parenthesize : first_operator;
}

// `1.x` would read as the start of a Double.
int selected_min(const Expr& record) {
  bool number = record.is<NaturalLit>() || record.is<IntegerLit>() || record.is<DoubleLit>();
  return number ? always_parenthesize : selector;
}

// `using` takes an import-expression, but a hash or `as` after an import
// there would attach to the headers, so imports get parentheses.
int headers_min(const Expr& headers) {
  return headers.is<Import>() ? always_parenthesize : selector;
}

class Printer {
public:
  explicit Printer(std::size_t width) : width_(width) {}

  // Writes `e` where the grammar expects at least `min`: on one line when
  // it fits, else in its broken layout starting at the current column.
  void expr(const Expr& e, int min) {
    if (overflow_) {
      return;
    }
    bool parens = level(e) < min;
    if (!flat_) {
      if (auto text = flat(e, parens, remaining())) {
        write(*text);
        return;
      }
    }
    body(e, parens);
  }

  std::string take() && { return std::move(out_); }

private:
  void body(const Expr& e, bool parens) {
    if (parens) {
      write("(");
    }
    std::visit([&](const auto& node) { this->node(e, node); }, e.node());
    if (parens) {
      write(")");
    }
  }

  // `e` on one line, if that takes at most `budget` columns.
  std::optional<std::string> flat(const Expr& e, bool parens, std::size_t budget) const {
    Printer printer(width_);
    printer.flat_ = true;
    printer.budget_ = budget;
    printer.body(e, parens);
    if (printer.overflow_) {
      return std::nullopt;
    }
    return std::move(printer.out_);
  }

  std::size_t remaining() const { return column_ < width_ ? width_ - column_ : 0; }

  // Tracks the column in code points and the current line's indentation.
  void write(std::string_view text) {
    for (char c : text) {
      if (c == '\n') {
        column_ = 0;
        line_indent_ = 0;
      } else if ((static_cast<unsigned char>(c) & 0xc0) != 0x80) {
        if (c == ' ' && line_indent_ == column_) {
          ++line_indent_;
        }
        ++column_;
      }
    }
    out_ += text;
    if (flat_ && column_ > budget_) {
      overflow_ = true;
    }
  }

  void newline(std::size_t indent) {
    write("\n");
    write(std::string(indent, ' '));
  }

  // A space when flat, else a new line at `indent`.
  void separate(std::size_t indent) {
    if (flat_) {
      write(" ");
    } else {
      newline(indent);
    }
  }

  // A space when flat, else a blank line and a new one at `indent`.
  void paragraph(std::size_t indent) {
    if (!flat_) {
      write("\n");
    }
    separate(indent);
  }

  // ` value` after `name =`, or the value on its own line at `indent`.
  // Values that open a hugging record (`T::{`) stay on the line.
  void hanging(const Expr& value, std::size_t indent) {
    if (flat_ || opens_hug(value) || flat(value, false, remaining() > 0 ? remaining() - 1 : 0)) {
      write(" ");
    } else {
      newline(indent);
    }
    expr(value, expression);
  }

  void node(const Expr&, const Var& var) {
    write(variable_label(var.name));
    if (!var.index.is_zero()) {
      write("@" + var.index.to_string());
    }
  }

  // Curried lambdas line up; a body that does not fit goes below, indented.
  void node(const Expr&, const Lambda& lambda) {
    std::size_t column = column_;
    write("λ(" + variable_label(lambda.param) + " : ");
    expr(*lambda.type, expression);
    write(") →");
    separate(lambda.body->is<Lambda>() ? column : column + 2);
    expr(*lambda.body, expression);
  }

  void node(const Expr&, const Pi& pi) {
    std::size_t column = column_;
    if (pi.param == underscore) {
      expr(*pi.domain, first_operator);
    } else {
      write("∀(" + variable_label(pi.param) + " : ");
      expr(*pi.domain, expression);
      write(")");
    }
    write(" →");
    separate(column);
    expr(*pi.codomain, expression);
  }

  // let x = a
  //
  // let y = b
  //
  // in  body
  void node(const Expr& e, const Let&) {
    std::size_t column = column_;
    const Expr* current = &e;
    while (const auto* let = current->as<Let>()) {
      if (current != &e) {
        paragraph(column);
      }
      write("let " + variable_label(let->name));
      if (let->annotation) {
        write(" : ");
        expr(*let->annotation, expression);
      }
      write(" =");
      hanging(*let->value, column + 4);
      current = let->body.get();
    }
    paragraph(column);
    write(flat_ ? "in " : "in  ");
    expr(*current, expression);
  }

  void node(const Expr&, const Annot& annot) {
    std::size_t column = column_;
    expr(*annot.expr, annotated_min(*annot.expr));
    separate(column);
    write(": ");
    expr(*annot.type, expression);
  }

  void node(const Expr&, const If& if_) {
    std::size_t column = column_;
    write("if ");
    expr(*if_.condition, expression);
    separate(column);
    write("then ");
    expr(*if_.then_branch, expression);
    separate(column);
    write("else ");
    expr(*if_.else_branch, expression);
  }

  // Operators associate to the left: a chain `a # b # c` is one line per
  // operand when broken.
  void node(const Expr& e, const BinOp& binop) {
    if (binop.op == Op::record_completion) {
      completion(binop);
      return;
    }
    int level = operator_level(binop.op);
    std::vector<const Expr*> right_operands; // last one first
    const Expr* leftmost = &e;
    for (const BinOp* op = &binop; op != nullptr && op->op == binop.op;
         op = leftmost->as<BinOp>()) {
      right_operands.push_back(op->rhs.get());
      leftmost = op->lhs.get();
    }
    std::size_t column = column_;
    expr(*leftmost, level);
    for (auto it = right_operands.rbegin(); it != right_operands.rend(); ++it) {
      separate(column);
      write(op_symbol(binop.op));
      write(" ");
      expr(**it, level + 1);
    }
  }

  // T::{ a = x }, or when broken, the record hugs the `::`:
  //
  //   T::{
  //   , a = x
  //   }
  void completion(const BinOp& binop) {
    std::size_t start = column_;
    expr(*binop.lhs, selector);
    write("::");
    const auto* record = binop.rhs->as<RecordLit>();
    if (flat_ || record == nullptr || record->fields.empty() ||
        flat(*binop.rhs, false, remaining())) {
      expr(*binop.rhs, selector);
      return;
    }
    // Fields line up with the start of T when T starts the line, else they
    // are indented below it.
    std::size_t column = line_indent_ + (start == line_indent_ ? 0 : 2);
    write("{");
    for (const auto& [name, value] : record->fields) {
      newline(column);
      write(", " + field_label(name) + " =");
      hanging(*value, column + 4);
    }
    newline(column);
    write("}");
  }

  // f a b, or each argument on its own line below f.
  void node(const Expr& e, const App&) {
    std::vector<const Expr*> arguments; // last one first
    const Expr* head = &e;
    while (const auto* app = head->as<App>()) {
      arguments.push_back(app->arg.get());
      head = app->fn.get();
    }
    std::size_t column = column_;
    expr(*head, application);
    for (auto it = arguments.rbegin(); it != arguments.rend(); ++it) {
      separate(column + 2);
      expr(**it, import_expression);
    }
  }

  void node(const Expr&, const Merge& merge) {
    std::size_t column = column_;
    write("merge");
    separate(column + 2);
    expr(*merge.handlers, import_expression);
    separate(column + 2);
    expr(*merge.union_value, import_expression);
    if (merge.type) {
      separate(column);
      write(": ");
      expr(*merge.type, expression);
    }
  }

  // `keyword arg`; when broken, the argument goes below, unless it opens a
  // hugging record.
  void keyword_application(std::string_view keyword, const Expr& argument) {
    std::size_t column = column_;
    write(keyword);
    if (opens_hug(argument)) {
      write(" ");
    } else {
      separate(column + 2);
    }
    expr(argument, import_expression);
  }

  void node(const Expr&, const ToMap& to_map) {
    keyword_application("toMap", *to_map.record);
    if (to_map.type) {
      write(" : ");
      expr(*to_map.type, expression);
    }
  }
  void node(const Expr&, const Some& some) { keyword_application("Some", *some.value); }
  void node(const Expr&, const ShowConstructor& show) {
    keyword_application("showConstructor", *show.value);
  }
  void node(const Expr&, const Assert& assert_) {
    write("assert : ");
    expr(*assert_.type, expression);
  }

  void node(const Expr&, const BuiltinRef& ref) { write(builtin_name(ref.builtin)); }
  void node(const Expr&, const ConstRef& ref) { write(const_name(ref.value)); }
  void node(const Expr&, const BoolLit& lit) { write(lit.value ? "True" : "False"); }
  void node(const Expr&, const NaturalLit& lit) { write(lit.value.to_string()); }
  void node(const Expr&, const IntegerLit& lit) { write(lit.value.to_string()); }
  void node(const Expr&, const DoubleLit& lit) { write(double_literal(lit.value)); }
  void node(const Expr&, const BytesLit& lit) { write(bytes_literal(lit)); }
  void node(const Expr&, const DateLit& lit) { write(date_literal(lit.year, lit.month, lit.day)); }
  void node(const Expr&, const TimeLit& lit) {
    write(time_literal(lit.hour, lit.minute, lit.second_fraction, lit.precision));
  }
  void node(const Expr&, const TimeZoneLit& lit) { write(time_zone_literal(lit.minutes)); }

  void node(const Expr&, const TextLit& text) {
    if (fits_multiline(text)) {
      if (flat_) {
        overflow_ = true; // text with newlines reads best on several lines
      } else {
        multiline(text);
      }
      return;
    }
    write("\"");
    for (const auto& chunk : text.chunks) {
      write(escape_text(chunk.prefix, DollarEscape::before_brace));
      write("${");
      expr(*chunk.expr, expression);
      write("}");
    }
    write(escape_text(text.tail, DollarEscape::before_brace));
    write("\"");
  }

  // ''
  //   every non-empty line indented alike
  //   ''
  void multiline(const TextLit& text) {
    // Aligned with the opening quotes when they start the line.
    std::string indent(line_indent_ + (column_ == line_indent_ ? 0 : 2), ' ');
    bool at_line_start = true;
    auto segment = [&](std::string_view raw) {
      std::string escaped = escape_multiline(raw);
      std::string_view rest = escaped;
      while (!rest.empty()) {
        std::size_t end = rest.find('\n');
        std::string_view line = rest.substr(0, end);
        if (!line.empty()) {
          write(at_line_start ? indent : "");
          write(line);
          at_line_start = false;
        }
        if (end == std::string_view::npos) {
          break;
        }
        write("\n");
        at_line_start = true;
        rest.remove_prefix(end + 1);
      }
    };
    write("''\n");
    for (const auto& chunk : text.chunks) {
      segment(chunk.prefix);
      write(at_line_start ? indent : "");
      at_line_start = false;
      write("${");
      expr(*chunk.expr, expression);
      write("}");
    }
    segment(text.tail);
    write(at_line_start ? indent + "''" : "''");
  }

  // [ a, b ] or one item per line with leading commas.
  void node(const Expr&, const ListLit& list) {
    if (list.items.empty()) {
      write("[] : ");
      expr(*list.type, expression);
      return;
    }
    std::size_t column = column_;
    write("[ ");
    for (std::size_t i = 0; i < list.items.size(); ++i) {
      if (i > 0) {
        item_separator(column, ',');
      }
      expr(*list.items[i], expression);
    }
    close(column, "]");
  }

  // Between items: ", " or " | " on one line, a new line starting with
  // ", " or "| " when broken.
  void item_separator(std::size_t column, char symbol) {
    if (flat_) {
      write(symbol == ',' ? ", " : " | ");
    } else {
      newline(column);
      write(symbol == ',' ? ", " : "| ");
    }
  }

  void close(std::size_t column, std::string_view bracket) {
    separate(column);
    write(bracket);
  }

  // { a = x, b = y }, { a : T }, < A : T | B >, or one field per line.
  void fields(const FieldMap& map, std::string_view open, std::string_view binder, char delimiter,
              std::string_view close_bracket) {
    std::size_t column = column_;
    write(open);
    write(" ");
    bool first = true;
    for (const auto& [name, value] : map) {
      if (!first) {
        item_separator(column, delimiter);
      }
      first = false;
      write(field_label(name));
      if (value) {
        write(binder);
        hanging(*value, column + 4);
      }
    }
    close(column, close_bracket);
  }

  void node(const Expr&, const RecordType& record) {
    if (record.fields.empty()) {
      write("{}");
    } else {
      fields(record.fields, "{", " :", ',', "}");
    }
  }
  void node(const Expr&, const RecordLit& record) {
    if (record.fields.empty()) {
      write("{=}");
    } else {
      fields(record.fields, "{", " =", ',', "}");
    }
  }
  void node(const Expr&, const UnionType& union_) {
    if (union_.alternatives.empty()) {
      write("<>");
    } else {
      fields(union_.alternatives, "<", " :", '|', ">");
    }
  }

  void node(const Expr&, const Field& field) {
    expr(*field.record, selected_min(*field.record));
    write("." + field_label(field.name));
  }
  void node(const Expr&, const Project& project) {
    expr(*project.record, selected_min(*project.record));
    std::string labels;
    for (Label name : project.labels) {
      labels += (labels.empty() ? " " : ", ") + field_label(name);
    }
    write(".{" + labels + (labels.empty() ? "}" : " }"));
  }
  void node(const Expr&, const ProjectByType& project) {
    expr(*project.record, selected_min(*project.record));
    write(".(");
    expr(*project.type, expression);
    write(")");
  }

  // r with a.b = v, chains one update per line when broken.
  void node(const Expr& e, const With&) {
    std::vector<const With*> updates; // outermost first
    const Expr* base = &e;
    while (const auto* with = base->as<With>()) {
      updates.push_back(with);
      base = with->record.get();
    }
    std::size_t column = column_;
    expr(*base, import_expression);
    for (auto it = updates.rbegin(); it != updates.rend(); ++it) {
      separate(column + 2);
      std::string path;
      for (const WithStep& step : (*it)->path) {
        path += (path.empty() ? "" : ".") + (step.descend_optional ? "?" : field_label(step.field));
      }
      write("with " + path + " = ");
      expr(*(*it)->value, first_operator);
    }
  }

  void node(const Expr&, const Embedded& node) {
    const Expr& syntax = *node.embedding->syntax();
    std::visit([&](const auto& inner) { this->node(syntax, inner); }, syntax.node());
  }

  void node(const Expr&, const ImportRef& ref) {
    const Import& import = ref.get();
    write(import_location(import));
    const auto* remote = std::get_if<RemoteImport>(&import.target);
    if (remote && remote->headers) {
      write(" using ");
      expr(*remote->headers, headers_min(*remote->headers));
    }
    write(import_suffix(import));
  }

  std::string out_;
  std::size_t width_;
  std::size_t column_ = 0;      // in code points
  std::size_t line_indent_ = 0; // leading spaces of the current line
  bool flat_ = false;           // measuring a one-line rendering
  std::size_t budget_ = 0;      // columns a flat rendering may take
  bool overflow_ = false;       // the flat rendering exceeded its budget
};

} // namespace

std::string print(const Expr& expr, std::size_t width) {
  Printer printer(width);
  printer.expr(expr, expression);
  return std::move(printer).take();
}

} // namespace polar::dhall
