// The `expression` rule and everything down to `selector-expression`:
// binders, let, if, operators, application, `with`, completion and selection.
#include <algorithm>
#include <array>

#include "syntax/detail/parser_impl.h"
#include "syntax/source_notes.h"

namespace polar::dhall::parsing {
namespace {

// The operators of `operator-expression`, longest spelling first where one
// spelling is a prefix of another. Precedences follow the grammar's nesting.
struct OperatorSpelling {
  std::string_view spelling;
  Op op;
  int precedence;
};
constexpr std::array<OperatorSpelling, 17> operator_spellings = {{
    {"===", Op::equivalent, 0},
    {"\u2261", Op::equivalent, 0},
    {"?", Op::import_alt, 1},
    {"||", Op::bool_or, 2},
    {"++", Op::text_append, 4},
    {"+", Op::natural_plus, 3},
    {"#", Op::list_append, 5},
    {"&&", Op::bool_and, 6},
    {"\u2227", Op::combine, 7},
    {"/\\", Op::combine, 7},
    {"\u2afd", Op::prefer, 8},
    {"//\\\\", Op::combine_types, 9},
    {"//", Op::prefer, 8},
    {"\u2a53", Op::combine_types, 9},
    {"*", Op::natural_times, 10},
    {"==", Op::bool_eq, 11},
    {"!=", Op::bool_ne, 12},
}};

} // namespace

Parsed Parser::parse_expression() {
  NestingGuard guard(*this);
  switch (keyword_at(pos_)) {
  case Keyword::if_:
    return parse_if();
  case Keyword::let_:
    return parse_let();
  case Keyword::forall:
    return parse_function(false);
  case Keyword::assert_:
    return parse_assert();
  default:
    break;
  }
  switch (peek()) {
  case '\\':
    return parse_function(true);
  case '\xCE':
    if (looking_at("\u03bb")) { // λ
      return parse_function(true);
    }
    break;
  case '\xE2':
    if (looking_at("\u2200")) { // ∀
      return parse_function(false);
    }
    break;
  case '[':
    if (is_empty_list_at(pos_)) {
      return parse_empty_list();
    }
    break;
  default:
    break;
  }

  return parse_annotated_expression();
}

Parsed Parser::parse_annotated_expression() {
  std::size_t begin = pos_;
  Shape shape = Shape::other;
  Parsed operand = parse_operator_expression(&shape);
  std::size_t next = whitespace_end(pos_);
  if (std::size_t arrow = arrow_length(next); arrow != 0) {
    pos_ = whitespace_end(next + arrow);
    return parse_arrow(operand, begin);
  }
  if (next > pos_ && shape == Shape::import_expression && keyword_at(next) == Keyword::with) {
    pos_ = next;
    return parse_with(std::move(operand), begin);
  }
  if (char_at(next) == ':' && char_at(next + 1) != ':') {
    pos_ = next + 1;
    return parse_annotation(operand, shape, begin);
  }
  return operand;
}

Parsed Parser::parse_arrow(const Parsed& domain, std::size_t begin) {
  Parsed codomain = parse_expression();
  return make(Pi{Label("_"), domain.expr, codomain.expr}, begin,
              std::max(domain.depth, codomain.depth));
}

Parsed Parser::parse_annotation(const Parsed& expression, Shape shape, std::size_t begin) {
  skip_required_whitespace("`:`");
  Parsed type = parse_expression();
  // `merge x y : T` and `toMap x : T` are their own forms, not annotations.
  if (shape == Shape::merge) {
    const auto& merge = *expression.expr->as<Merge>();
    return make(Merge{merge.handlers, merge.union_value, type.expr}, begin,
                std::max(expression.depth - 1, type.depth));
  }
  if (shape == Shape::to_map) {
    const auto& to_map = *expression.expr->as<ToMap>();
    return make(ToMap{to_map.record, type.expr}, begin, std::max(expression.depth - 1, type.depth));
  }
  return make(Annot{expression.expr, type.expr}, begin, std::max(expression.depth, type.depth));
}

Parsed Parser::parse_function(bool is_lambda) {
  std::size_t begin = pos_;
  if (keyword_here(Keyword::forall)) {
    consume_keyword(Keyword::forall);
  } else {
    if (notes_ != nullptr && peek() != '\\') {
      notes_->unicode = true; // λ or ∀
    }
    pos_ += char_length(pos_);
  }
  skip_whitespace();
  expect("(", is_lambda ? "after `λ`" : "after `forall`");
  skip_whitespace();
  Label parameter = parse_label(LabelRule::bound_variable, "a parameter name");
  skip_whitespace();
  expect(":", "after the parameter name");
  skip_required_whitespace("`:`");
  Parsed type = parse_expression();
  expect_after_expression(")", "after the parameter type");
  skip_whitespace();
  std::size_t arrow = arrow_length(pos_);
  if (arrow == 0) {
    fail_expected(pos_, "`→` after the parameter");
  }
  pos_ = whitespace_end(pos_ + arrow);
  Parsed body = parse_expression();
  std::uint32_t depth = std::max(type.depth, body.depth);
  if (is_lambda) {
    return make(Lambda{parameter, type.expr, body.expr}, begin, depth);
  }
  return make(Pi{parameter, type.expr, body.expr}, begin, depth);
}

Parsed Parser::parse_if() {
  std::size_t begin = pos_;
  consume_keyword(Keyword::if_);
  skip_required_whitespace("`if`");
  Parsed condition = parse_expression();
  std::size_t next = whitespace_end(pos_);
  if (keyword_at(next) != Keyword::then_) {
    fail_after_expression(next, "`then` after the condition of `if`");
  }
  pos_ = next;
  consume_keyword(Keyword::then_);
  skip_required_whitespace("`then`");
  Parsed then_branch = parse_expression();
  next = whitespace_end(pos_);
  if (keyword_at(next) != Keyword::else_) {
    fail_after_expression(next, "`else` after the `then` branch");
  }
  pos_ = next;
  consume_keyword(Keyword::else_);
  skip_required_whitespace("`else`");
  Parsed else_branch = parse_expression();
  return make(If{condition.expr, then_branch.expr, else_branch.expr}, begin,
              std::max({condition.depth, then_branch.depth, else_branch.depth}));
}

Parsed Parser::parse_let() {
  // `let a = 1 let b = 2 in let c = 3 in e` is one loop, not a recursion per
  // binding, so long chains cost no stack while parsing.
  std::vector<LetBinding> bindings;
  bool starts_block = true;
  for (;;) {
    std::size_t binding_begin = pos_;
    consume_keyword(Keyword::let_);
    skip_required_whitespace("`let`");
    Label name = parse_label(LabelRule::bound_variable, "a variable name after `let`");
    skip_whitespace();
    std::optional<Parsed> annotation;
    if (peek() == ':') {
      ++pos_;
      skip_required_whitespace("`:`");
      annotation = parse_expression();
      skip_whitespace();
    }
    if (peek() != '=') {
      if (annotation) {
        fail_after_expression(pos_, "`=` after the type of the let binding");
      }
      fail_expected(pos_, "`=` or `:` after the name of the let binding");
    }
    pos_ = whitespace_end(pos_ + 1);
    bindings.push_back(
        {binding_begin, name, std::move(annotation), parse_let_binding_value(), starts_block});
    starts_block = false;
    if (keyword_here(Keyword::let_)) {
      continue;
    }
    consume_keyword(Keyword::in_);
    skip_required_whitespace("`in`");
    if (!keyword_here(Keyword::let_)) {
      return build_let(bindings, parse_expression());
    }
    starts_block = true;
  }
}

Parsed Parser::parse_let_binding_value() {
  // The value, then the whitespace that must separate it from `in` or `let`.
  Parsed value = parse_expression();
  std::size_t next = whitespace_end(pos_);
  Keyword keyword = keyword_at(next);
  if (keyword != Keyword::in_ && keyword != Keyword::let_) {
    fail_after_expression(next, "`in` after the let binding");
  }
  if (next == pos_) {
    fail_expected(pos_, concat("whitespace before `", keyword_name(keyword), "`"));
  }
  pos_ = next;
  return value;
}

Parsed Parser::build_let(std::vector<LetBinding>& bindings, Parsed body) {
  for (auto binding = bindings.rbegin(); binding != bindings.rend(); ++binding) {
    std::uint32_t depth = binding->value.depth;
    ExprPtr annotation;
    if (binding->annotation) {
      depth = std::max(depth, binding->annotation->depth);
      annotation = binding->annotation->expr;
    }
    body = make_link(Let{binding->name, annotation, binding->value.expr, body.expr}, binding->begin,
                     body.depth, depth);
    if (notes_ != nullptr && binding->starts_block) {
      notes_->let_blocks.insert(body.expr.get());
    }
  }
  return body;
}

Parsed Parser::parse_assert() {
  std::size_t begin = pos_;
  consume_keyword(Keyword::assert_);
  skip_whitespace();
  expect(":", "after `assert`");
  skip_required_whitespace("`:`");
  Parsed type = parse_expression();
  return make(Assert{type.expr}, begin, type.depth);
}

bool Parser::is_empty_list_at(std::size_t at) const {
  std::size_t inside = whitespace_end(at + 1);
  if (char_at(inside) == ',') {
    inside = whitespace_end(inside + 1);
  }
  return char_at(inside) == ']';
}

Parsed Parser::parse_empty_list() {
  std::size_t begin = pos_;
  pos_ = whitespace_end(pos_ + 1);
  if (peek() == ',') {
    pos_ = whitespace_end(pos_ + 1);
  }
  ++pos_; // ']'
  std::size_t colon = whitespace_end(pos_);
  if (char_at(colon) != ':' || char_at(colon + 1) == ':') {
    fail(begin, pos_, "an empty list needs a type annotation, as in `[] : List Natural`");
  }
  pos_ = colon + 1;
  skip_required_whitespace("`:`");
  Parsed type = parse_expression();
  return make(ListLit{type.expr, {}}, begin, type.depth);
}

Parsed Parser::parse_with(Parsed&& record, std::size_t begin) {
  for (;;) {
    consume_keyword(Keyword::with);
    skip_required_whitespace("`with`");
    std::vector<WithStep> path;
    for (;;) {
      if (peek() == '?') {
        ++pos_;
        path.push_back({true, Label()});
      } else {
        path.push_back({false, parse_label(LabelRule::any_or_some, "a field name or `?`")});
      }
      std::size_t next = whitespace_end(pos_);
      if (char_at(next) != '.') {
        break;
      }
      pos_ = whitespace_end(next + 1);
    }
    skip_whitespace();
    expect("=", "after the path of `with`");
    skip_whitespace();
    Parsed value = parse_operator_expression(nullptr);
    record = make(With{record.expr, std::move(path), value.expr}, begin,
                  std::max(record.depth, value.depth));
    std::size_t next = whitespace_end(pos_);
    if (next == pos_ || keyword_at(next) != Keyword::with) {
      return record;
    }
    pos_ = next;
  }
}

std::optional<OperatorToken> Parser::operator_at(std::size_t at) const {
  switch (char_at(at)) {
  case '=':
  case '?':
  case '|':
  case '+':
  case '#':
  case '&':
  case '/':
  case '*':
  case '!':
  case '\xE2': // the lead byte of every Unicode operator
    break;
  default:
    return std::nullopt;
  }
  for (const auto& candidate : operator_spellings) {
    if (starts_with_at(at, candidate.spelling)) {
      if (notes_ != nullptr && candidate.spelling[0] == '\xE2') {
        notes_->unicode = true;
      }
      return OperatorToken{candidate.op, candidate.precedence, candidate.spelling.size()};
    }
  }
  return std::nullopt;
}

Parsed Parser::parse_operator_expression(Shape* shape) {
  Shape first_shape = Shape::other;
  Parsed first = parse_application_expression(first_shape);
  if (shape != nullptr) {
    *shape = first_shape;
  }
  if (!operator_at(whitespace_end(pos_))) {
    return first;
  }
  if (shape != nullptr) {
    *shape = Shape::other;
  }
  return parse_operator_chain(std::move(first));
}

Parsed Parser::parse_operator_chain(Parsed&& first) {
  // Operator precedence parsing with explicit stacks: all operators are
  // left-associative, and long chains (`a + b + ...`) need no recursion.
  std::vector<Parsed> operands;
  std::vector<OperatorToken> operators;
  operands.push_back(std::move(first));
  auto reduce = [&] {
    Parsed rhs = std::move(operands.back());
    operands.pop_back();
    Parsed lhs = std::move(operands.back());
    operands.pop_back();
    Op op = operators.back().op;
    operators.pop_back();
    std::size_t begin = lhs.expr->span().begin;
    // `?` is no chain: the resolver recurses on its left side.
    operands.push_back(
        op == Op::import_alt
            ? make(BinOp{op, lhs.expr, rhs.expr}, begin, std::max(lhs.depth, rhs.depth))
            : make_link(BinOp{op, lhs.expr, rhs.expr}, begin, lhs.depth, rhs.depth));
  };
  std::size_t next = whitespace_end(pos_);
  for (auto token = operator_at(next); token; token = operator_at(next)) {
    std::size_t after = next + token->length;
    // `+` and `?` need whitespace after them (`f +1` applies f to +1,
    // `./a ?b` is no import alternative).
    if ((token->op == Op::natural_plus || token->op == Op::import_alt) &&
        whitespace_end(after) == after) {
      fail_expected(after, concat("whitespace after `", op_symbol(token->op), "`"));
    }
    while (!operators.empty() && operators.back().precedence >= token->precedence) {
      reduce();
    }
    operators.push_back(*token);
    pos_ = whitespace_end(after);
    if (peek() == '[' && is_empty_list_at(pos_)) {
      fail_at(pos_, "an empty list used as an operand needs parentheses and a type "
                    "annotation, as in `([] : List Natural)`");
    }
    Shape operand_shape = Shape::other;
    operands.push_back(parse_application_expression(operand_shape));
    next = whitespace_end(pos_);
  }
  while (!operators.empty()) {
    reduce();
  }
  return std::move(operands.back());
}

Parsed Parser::parse_keyword_argument(std::string_view keyword) {
  std::size_t next = whitespace_end(pos_);
  if (next == pos_ && !at_end() && starts_import_expression(pos_)) {
    fail_expected(pos_, concat("whitespace after `", keyword, "`"));
  }
  if (next == pos_ || !starts_import_expression(next)) {
    fail_after_expression(next, concat("an argument for `", keyword, "`"));
  }
  pos_ = next;
  return parse_import_expression();
}

Parsed Parser::parse_application_expression(Shape& shape) {
  std::size_t begin = pos_;
  Parsed function;
  switch (keyword_at(pos_)) {
  case Keyword::merge:
  case Keyword::some:
  case Keyword::to_map:
  case Keyword::show_constructor:
    function = parse_keyword_application(shape);
    break;
  default:
    function = parse_import_expression();
    shape = Shape::import_expression;
    break;
  }
  for (;;) {
    std::size_t next = whitespace_end(pos_);
    if (next == pos_ || !starts_import_expression(next)) {
      return function;
    }
    pos_ = next;
    Parsed argument = parse_import_expression();
    function = make_link(App{function.expr, argument.expr}, begin, function.depth, argument.depth);
    shape = Shape::other;
  }
}

Parsed Parser::parse_keyword_application(Shape& shape) {
  std::size_t begin = pos_;
  Keyword keyword = keyword_at(pos_);
  consume_keyword(keyword);
  std::string_view name = keyword_name(keyword);
  Parsed argument = parse_keyword_argument(name);
  switch (keyword) {
  case Keyword::merge: {
    Parsed union_value = parse_keyword_argument(name);
    shape = Shape::merge;
    return make(Merge{argument.expr, union_value.expr, nullptr}, begin,
                std::max(argument.depth, union_value.depth));
  }
  case Keyword::to_map:
    shape = Shape::to_map;
    return make(ToMap{argument.expr, nullptr}, begin, argument.depth);
  case Keyword::show_constructor:
    shape = Shape::other;
    return make(ShowConstructor{argument.expr}, begin, argument.depth);
  default:
    shape = Shape::other;
    return make(Some{argument.expr}, begin, argument.depth);
  }
}

bool Parser::starts_import_expression(std::size_t at) const {
  char c = char_at(at);
  if (is_digit(c)) {
    return true;
  }
  switch (c) {
  case '+':
    return is_digit(char_at(at + 1));
  case '-':
    return is_digit(char_at(at + 1)) || keyword_at(at + 1) == Keyword::infinity;
  case '"':
  case '{':
  case '<':
  case '[':
  case '(':
  case '`':
    return true;
  case '\'':
    return char_at(at + 1) == '\'';
  default:
    break;
  }
  if (is_label_first_char(c)) {
    switch (keyword_at(at)) {
    case Keyword::none:
    case Keyword::missing:
    case Keyword::infinity:
    case Keyword::nan:
      return true;
    default:
      return false;
    }
  }
  return starts_import(at);
}

Parsed Parser::parse_import_expression() {
  if (starts_import(pos_)) {
    return parse_import();
  }
  return parse_completion_expression();
}

Parsed Parser::parse_completion_expression() {
  std::size_t begin = pos_;
  Parsed type = parse_selector_expression();
  std::size_t next = whitespace_end(pos_);
  if (!starts_with_at(next, "::")) {
    return type;
  }
  pos_ = whitespace_end(next + 2);
  Parsed record = parse_selector_expression();
  return make(BinOp{Op::record_completion, type.expr, record.expr}, begin,
              std::max(type.depth, record.depth));
}

Parsed Parser::parse_selector_expression() {
  std::size_t begin = pos_;
  Parsed result = parse_primitive_expression();
  for (;;) {
    // `x . y` may have whitespace around the dot; `x ./y` is an application
    // to a path, so only commit once a selector follows.
    std::size_t dot = whitespace_end(pos_);
    if (char_at(dot) != '.') {
      return result;
    }
    std::size_t at = whitespace_end(dot + 1);
    char c = char_at(at);
    if (c != '{' && c != '(' && c != '`' &&
        !(is_label_first_char(c) && keyword_at(at) == Keyword::none)) {
      return result;
    }
    pos_ = at;
    result = parse_selector(result, begin);
  }
}

Parsed Parser::parse_selector(const Parsed& record, std::size_t begin) {
  if (peek() == '{') {
    std::vector<Label> labels = parse_projection_labels();
    return make(Project{record.expr, std::move(labels)}, begin, record.depth);
  }
  if (peek() == '(') {
    pos_ = whitespace_end(pos_ + 1);
    Parsed type = parse_expression();
    expect_after_expression(")", "to close the projection by type");
    return make(ProjectByType{record.expr, type.expr}, begin, std::max(record.depth, type.depth));
  }
  Label field = parse_label(LabelRule::any, "a field name");
  return make(Field{record.expr, field}, begin, record.depth);
}

} // namespace polar::dhall::parsing
