// `primitive-expression`: identifiers, records (with their desugaring),
// unions, lists and parentheses; literals are in parse_literal.cpp and
// parse_text.cpp.
#include <algorithm>
#include <limits>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "syntax/detail/parser_impl.h"
#include "syntax/literals.h"
#include "syntax/source_notes.h"

namespace polar::dhall::parsing {
namespace {

// The nodes the builtin names stand for. Builtin names may not be bound
// (`let Bool = ...`) and take no `@` index.
const std::unordered_map<std::string_view, Node>& builtin_nodes() {
  static const auto nodes = [] {
    std::unordered_map<std::string_view, Node> map{{"True", BoolLit{true}},
                                                   {"False", BoolLit{false}}};
    for (Const constant : {Const::type, Const::kind, Const::sort}) {
      map.emplace(const_name(constant), ConstRef{constant});
    }
    for (int i = 0; i <= static_cast<int>(Builtin::time_zone); ++i) {
      auto builtin = static_cast<Builtin>(i);
      map.emplace(builtin_name(builtin), BuiltinRef{builtin});
    }
    return map;
  }();
  return nodes;
}

const Node* builtin_node(std::string_view name) {
  if (name.empty() || name[0] < 'A' || name[0] > 'Z') {
    return nullptr; // every builtin starts with an uppercase letter
  }
  const auto& nodes = builtin_nodes();
  auto found = nodes.find(name);
  return found == nodes.end() ? nullptr : &found->second;
}

} // namespace

Label Parser::parse_label(LabelRule rule, std::string_view what) {
  std::size_t begin = pos_;
  if (peek() == '`') {
    std::size_t end = pos_ + 1;
    while (end < text_.size() && is_quoted_label_char(text_[end])) {
      ++end;
    }
    if (char_at(end) != '`') {
      fail_expected(end, "a closing backtick for the quoted label");
    }
    pos_ = end + 1;
    return Label(text_.substr(begin + 1, end - begin - 1));
  }
  std::size_t end = simple_label_end(pos_);
  if (end == pos_) {
    fail_expected(pos_, what);
  }
  std::string_view name = text_.substr(begin, end - begin);
  Keyword keyword = keyword_from_name(name);
  if (keyword != Keyword::none && !(rule == LabelRule::any_or_some && keyword == Keyword::some)) {
    fail(begin, end,
         "expected " + std::string(what) + ", found the keyword `" + std::string(name) +
             "` (quote it with backticks to use it as a label)");
  }
  if (rule == LabelRule::bound_variable && builtin_node(name) != nullptr) {
    fail(begin, end,
         "`" + std::string(name) +
             "` is a builtin and cannot be bound as a variable (quote it with backticks to use "
             "it as a name)");
  }
  pos_ = end;
  return Label(name);
}

Parsed Parser::parse_primitive_expression() {
  char c = peek();
  if (is_digit(c) || c == '+' || c == '-') {
    return parse_numeric_literal();
  }
  switch (c) {
  case '"':
    return parse_double_quoted_text();
  case '\'':
    if (peek(1) == '\'') {
      return parse_single_quoted_text();
    }
    break;
  case '{':
    return parse_record();
  case '<':
    return parse_union();
  case '[':
    return parse_list();
  case '(':
    return parse_parenthesized();
  case '`':
    return parse_identifier();
  default:
    if (is_label_first_char(c)) {
      return parse_identifier();
    }
    break;
  }
  if (starts_compound_expression(pos_)) {
    fail_at(pos_, "a function or function type must be parenthesized here");
  }
  fail_expected(pos_, "an expression");
}

Parsed Parser::parse_identifier() {
  std::size_t begin = pos_;
  if (peek() != '`') {
    std::size_t end = simple_label_end(pos_);
    std::string_view name = text_.substr(begin, end - begin);
    switch (keyword_from_name(name)) {
    case Keyword::none:
      break;
    case Keyword::infinity:
      pos_ = end;
      return make(DoubleLit{std::numeric_limits<double>::infinity()}, begin, 0);
    case Keyword::nan:
      pos_ = end;
      return make(DoubleLit{std::numeric_limits<double>::quiet_NaN()}, begin, 0);
    case Keyword::merge:
    case Keyword::some:
    case Keyword::to_map:
    case Keyword::show_constructor:
      fail(begin, end, concat("`", name, "` with its arguments must be parenthesized here"));
    case Keyword::if_:
    case Keyword::let_:
    case Keyword::forall:
    case Keyword::assert_:
      fail(begin, end,
           concat("an expression starting with `", name, "` must be parenthesized here"));
    default:
      fail(begin, end, concat("expected an expression, found the keyword `", name, "`"));
    }
    if (const Node* builtin = builtin_node(name)) {
      pos_ = end;
      std::size_t at = whitespace_end(pos_);
      if (char_at(at) == '@') {
        fail_at(at, concat("`", name, "` is a builtin and takes no `@` index"));
      }
      return make(*builtin, begin, 0);
    }
  }
  Label name = parse_label(LabelRule::any, "a variable");
  Natural index;
  std::size_t at = whitespace_end(pos_);
  if (char_at(at) == '@') {
    pos_ = whitespace_end(at + 1);
    if (!is_digit(peek())) {
      fail_expected(pos_, "a natural number after `@`");
    }
    index = parse_natural_literal();
  }
  return make(Var{name, std::move(index)}, begin, 0);
}

std::vector<Label> Parser::parse_projection_labels() {
  ++pos_; // '{'
  skip_whitespace();
  if (peek() == ',') {
    ++pos_;
    skip_whitespace();
  }
  std::vector<Label> labels;
  std::unordered_set<Label> seen;
  while (peek() != '}') {
    std::size_t label_begin = pos_;
    Label label = parse_label(LabelRule::any_or_some, "a field name or `}`");
    if (!seen.insert(label).second) {
      fail(label_begin, pos_, "the field `" + label.str() + "` is projected twice");
    }
    labels.push_back(label);
    skip_whitespace();
    if (peek() == ',') {
      ++pos_;
      skip_whitespace();
    } else if (peek() != '}') {
      fail_expected(pos_, "`,` or `}` in the projection");
    }
  }
  ++pos_;
  return labels;
}

Parsed Parser::parse_record() {
  std::size_t begin = pos_;
  ++pos_; // '{'
  skip_whitespace();
  if (peek() == ',') {
    ++pos_;
    skip_whitespace();
  }
  if (peek() == '}') {
    ++pos_;
    return make(RecordType{}, begin, 0);
  }
  if (peek() == '=') {
    std::size_t next = whitespace_end(pos_ + 1);
    if (char_at(next) == ',') {
      next = whitespace_end(next + 1);
    }
    pos_ = next;
    expect("}", "to close the empty record literal `{=}`");
    return make(RecordLit{}, begin, 0);
  }
  std::size_t first_begin = pos_;
  Label first = parse_label(LabelRule::any_or_some, "a field name, `=` or `}`");
  if (char_at(whitespace_end(pos_)) == ':') {
    return parse_record_type(first, first_begin, begin);
  }
  return parse_record_literal(first, first_begin, begin);
}

Parsed Parser::parse_record_type(Label first, std::size_t first_begin, std::size_t begin) {
  FieldMap fields;
  std::vector<FieldNote> order;
  std::uint32_t depth = 0;
  Label label = first;
  std::size_t label_begin = first_begin;
  std::size_t label_end = pos_;
  for (;;) {
    skip_whitespace();
    expect(":", "after the field name in the record type");
    skip_required_whitespace("`:`");
    Parsed type = parse_expression();
    if (notes_ != nullptr) {
      order.push_back({label, static_cast<std::uint32_t>(label_begin)});
    }
    if (!fields.emplace(label, type.expr).second) {
      fail(label_begin, label_end, "duplicate field `" + label.str() + "` in record type");
    }
    depth = std::max(depth, type.depth);
    std::size_t next = whitespace_end(pos_);
    if (char_at(next) == ',') {
      pos_ = whitespace_end(next + 1);
      if (peek() == '}') {
        break;
      }
      label_begin = pos_;
      label = parse_label(LabelRule::any_or_some, "a field name or `}`");
      label_end = pos_;
    } else if (char_at(next) == '}') {
      pos_ = next;
      break;
    } else {
      fail_after_expression(next, "`,` or `}` in the record type");
    }
  }
  ++pos_; // '}'
  Parsed record = make(RecordType{std::move(fields)}, begin, depth);
  if (notes_ != nullptr) {
    note_fields(record.expr, std::move(order));
  }
  return record;
}

Parsed Parser::parse_record_literal(Label first, std::size_t first_begin, std::size_t begin) {
  RecordFields fields;
  std::vector<FieldNote> order;
  Label label = first;
  std::size_t entry_begin = first_begin;
  for (;;) {
    if (notes_ != nullptr && !fields.contains(label)) {
      order.push_back({label, static_cast<std::uint32_t>(entry_begin)});
    }
    parse_record_entry(fields, label, entry_begin);
    std::size_t next = whitespace_end(pos_);
    if (char_at(next) == ',') {
      pos_ = whitespace_end(next + 1);
      if (peek() == '}') {
        break;
      }
      entry_begin = pos_;
      label = parse_label(LabelRule::any_or_some, "a field name or `}`");
    } else if (char_at(next) == '}') {
      pos_ = next;
      break;
    } else {
      fail_after_expression(next, "`,` or `}` in the record literal");
    }
  }
  ++pos_; // '}'
  FieldMap literal;
  std::uint32_t depth = 0;
  for (auto& [name, value] : fields) {
    depth = std::max(depth, value.depth);
    literal.emplace_hint(literal.end(), name, std::move(value.expr));
  }
  Parsed record = make(RecordLit{std::move(literal)}, begin, depth);
  if (notes_ != nullptr) {
    note_fields(record.expr, std::move(order));
  }
  return record;
}

void Parser::parse_record_entry(RecordFields& fields, Label label, std::size_t begin) {
  // Desugaring (record.md): `{ x }` is `{ x = x }`, `{ x.y = v }` is
  // `{ x = { y = v } }`, and repeated fields combine left to right with `∧`.
  std::vector<Label> path(1, label);
  for (;;) {
    std::size_t dot = whitespace_end(pos_);
    if (char_at(dot) != '.') {
      break;
    }
    pos_ = whitespace_end(dot + 1);
    path.push_back(parse_label(LabelRule::any_or_some, "a field name after `.`"));
  }
  std::size_t next = whitespace_end(pos_);
  if (char_at(next) == '=') {
    pos_ = whitespace_end(next + 1);
    Parsed value = parse_expression();
    add_record_field(fields, path, std::move(value), begin);
  } else if (path.size() > 1) {
    fail_expected(next, "`=` after the dotted field name");
  } else if (char_at(next) == ':') {
    fail_at(next, "a record literal (`{ x = 1 }`) cannot have a field with a type "
                  "(`{ x : T }`)");
  } else {
    add_record_field(fields, path, make(Var{label, 0}, begin, 0), begin);
  }
}

void Parser::add_record_field(RecordFields& fields, const std::vector<Label>& path, Parsed value,
                              std::size_t begin) {
  for (std::size_t i = path.size() - 1; i > 0; --i) {
    value = make(RecordLit{FieldMap{{path[i], value.expr}}}, begin, value.depth);
  }
  auto [field, inserted] = fields.try_emplace(path[0], value);
  if (!inserted) {
    field->second = make(BinOp{Op::combine, field->second.expr, value.expr}, begin,
                         std::max(field->second.depth, value.depth));
    if (notes_ != nullptr) {
      notes_->repeated_fields.insert(field->second.expr.get());
    }
  }
}

Parsed Parser::parse_union() {
  std::size_t begin = pos_;
  ++pos_; // '<'
  skip_whitespace();
  if (peek() == '|') {
    ++pos_;
    skip_whitespace();
  }
  FieldMap alternatives;
  std::vector<FieldNote> order;
  std::uint32_t depth = 0;
  while (peek() != '>') {
    std::size_t label_begin = pos_;
    Label label = parse_label(LabelRule::any_or_some, "an alternative name or `>`");
    std::size_t label_end = pos_;
    std::size_t next = whitespace_end(pos_);
    ExprPtr type;
    if (char_at(next) == ':') {
      pos_ = next + 1;
      skip_required_whitespace("`:`");
      Parsed parsed = parse_expression();
      depth = std::max(depth, parsed.depth);
      type = std::move(parsed.expr);
      next = whitespace_end(pos_);
    }
    if (notes_ != nullptr) {
      order.push_back({label, static_cast<std::uint32_t>(label_begin)});
    }
    if (!alternatives.emplace(label, std::move(type)).second) {
      fail(label_begin, label_end, "duplicate alternative `" + label.str() + "` in union type");
    }
    if (char_at(next) == '|') {
      pos_ = whitespace_end(next + 1);
    } else if (char_at(next) == '>') {
      pos_ = next;
    } else {
      fail_after_expression(next, "`|` or `>` in the union type");
    }
  }
  ++pos_; // '>'
  Parsed union_type = make(UnionType{std::move(alternatives)}, begin, depth);
  if (notes_ != nullptr) {
    note_fields(union_type.expr, std::move(order));
  }
  return union_type;
}

Parsed Parser::parse_list() {
  std::size_t begin = pos_;
  if (is_empty_list_at(pos_)) {
    fail(begin, begin + 1,
         "an empty list here needs parentheses and a type annotation, as in "
         "`([] : List Natural)`");
  }
  pos_ = whitespace_end(pos_ + 1);
  if (peek() == ',') {
    pos_ = whitespace_end(pos_ + 1);
  }
  std::vector<ExprPtr> items;
  std::uint32_t depth = 0;
  for (;;) {
    Parsed item = parse_expression();
    depth = std::max(depth, item.depth);
    items.push_back(std::move(item.expr));
    std::size_t next = whitespace_end(pos_);
    if (char_at(next) == ',') {
      pos_ = whitespace_end(next + 1);
      if (peek() == ']') {
        break;
      }
    } else if (char_at(next) == ']') {
      pos_ = next;
      break;
    } else {
      fail_after_expression(next, "`,` or `]` in the list");
    }
  }
  ++pos_; // ']'
  return make(ListLit{nullptr, std::move(items)}, begin, depth);
}

Parsed Parser::parse_parenthesized() {
  ++pos_; // '('
  skip_whitespace();
  Parsed inner = parse_expression();
  expect_after_expression(")", "to close the parenthesis");
  return inner;
}

} // namespace polar::dhall::parsing
