#include "syntax/parser.h"

#include <cmath>
#include <string>

#include <gtest/gtest.h>

namespace polar::dhall {
namespace {

// A compact, fully parenthesized rendering of a tree, so tests can state the
// expected structure (precedence, associativity, desugaring) in one line.
std::string sexp(const ExprPtr& expr);

std::string sexp_fields(const FieldMap& fields, std::string_view separator) {
  std::string out;
  for (const auto& [label, value] : fields) {
    out += " " + label.str();
    if (value) {
      out += std::string(separator) + sexp(value);
    }
  }
  return out;
}

std::string sexp(const ExprPtr& expr) {
  if (!expr) {
    return "_";
  }
  const Node& node = expr->node();
  if (const auto* var = std::get_if<Var>(&node)) {
    return var->index.is_zero() ? var->name.str() : var->name.str() + "@" + var->index.to_string();
  }
  if (const auto* op = std::get_if<BinOp>(&node)) {
    return "(" + std::string(op_symbol(op->op)) + " " + sexp(op->lhs) + " " + sexp(op->rhs) + ")";
  }
  if (const auto* app = std::get_if<App>(&node)) {
    return "(" + sexp(app->fn) + " " + sexp(app->arg) + ")";
  }
  if (const auto* natural = std::get_if<NaturalLit>(&node)) {
    return natural->value.to_string();
  }
  if (const auto* integer = std::get_if<IntegerLit>(&node)) {
    return integer->value.to_string();
  }
  if (const auto* builtin = std::get_if<BuiltinRef>(&node)) {
    return std::string(builtin_name(builtin->builtin));
  }
  if (const auto* boolean = std::get_if<BoolLit>(&node)) {
    return boolean->value ? "True" : "False";
  }
  if (const auto* field = std::get_if<Field>(&node)) {
    return "(. " + sexp(field->record) + " " + field->name.str() + ")";
  }
  if (const auto* let = std::get_if<Let>(&node)) {
    return "(let " + let->name.str() + (let->annotation ? " : " + sexp(let->annotation) : "") +
           " = " + sexp(let->value) + " in " + sexp(let->body) + ")";
  }
  if (const auto* lambda = std::get_if<Lambda>(&node)) {
    return "(λ " + lambda->param.str() + " : " + sexp(lambda->type) + " → " + sexp(lambda->body) +
           ")";
  }
  if (const auto* pi = std::get_if<Pi>(&node)) {
    return "(∀ " + pi->param.str() + " : " + sexp(pi->domain) + " → " + sexp(pi->codomain) + ")";
  }
  if (const auto* annot = std::get_if<Annot>(&node)) {
    return "(: " + sexp(annot->expr) + " " + sexp(annot->type) + ")";
  }
  if (const auto* merge = std::get_if<Merge>(&node)) {
    return "(merge " + sexp(merge->handlers) + " " + sexp(merge->union_value) +
           (merge->type ? " : " + sexp(merge->type) : "") + ")";
  }
  if (const auto* to_map = std::get_if<ToMap>(&node)) {
    return "(toMap " + sexp(to_map->record) + (to_map->type ? " : " + sexp(to_map->type) : "") +
           ")";
  }
  if (const auto* some = std::get_if<Some>(&node)) {
    return "(Some " + sexp(some->value) + ")";
  }
  if (const auto* record = std::get_if<RecordLit>(&node)) {
    return "{" + sexp_fields(record->fields, " = ") + " }";
  }
  if (const auto* record = std::get_if<RecordType>(&node)) {
    return "{" + sexp_fields(record->fields, " : ") + " }";
  }
  if (const auto* union_type = std::get_if<UnionType>(&node)) {
    return "<" + sexp_fields(union_type->alternatives, " : ") + " >";
  }
  if (const auto* list = std::get_if<ListLit>(&node)) {
    std::string out = "[";
    for (const auto& item : list->items) {
      out += " " + sexp(item);
    }
    return out + (list->type ? " ] : " + sexp(list->type) : " ]");
  }
  if (const auto* with = std::get_if<With>(&node)) {
    std::string path;
    for (const auto& step : with->path) {
      path += (path.empty() ? "" : ".") + (step.descend_optional ? "?" : step.field.str());
    }
    return "(with " + sexp(with->record) + " " + path + " " + sexp(with->value) + ")";
  }
  if (const auto* text = std::get_if<TextLit>(&node)) {
    std::string out = "\"";
    for (const auto& chunk : text->chunks) {
      out += chunk.prefix + "${" + sexp(chunk.expr) + "}";
    }
    return out + text->tail + "\"";
  }
  if (const auto* if_ = std::get_if<If>(&node)) {
    return "(if " + sexp(if_->condition) + " " + sexp(if_->then_branch) + " " +
           sexp(if_->else_branch) + ")";
  }
  if (const auto* assertion = std::get_if<Assert>(&node)) {
    return "(assert " + sexp(assertion->type) + ")";
  }
  if (const auto* constant = std::get_if<ConstRef>(&node)) {
    return constant->value == Const::type   ? "Type"
           : constant->value == Const::kind ? "Kind"
                                            : "Sort";
  }
  if (expr->is<Import>()) {
    return "import";
  }
  if (expr->is<DateLit>() || expr->is<TimeLit>() || expr->is<TimeZoneLit>()) {
    return expr->is<DateLit>() ? "date" : expr->is<TimeLit>() ? "time" : "zone";
  }
  return "?";
}

std::string parsed(std::string_view text) {
  return sexp(parse_text(text));
}

Error parse_failure(std::string_view text) {
  try {
    parse_text(text);
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::parse);
    return error;
  }
  ADD_FAILURE() << "parsed without error: " << text;
  return Error(ErrorKind::parse, "");
}

LineColumn error_position(const Error& error) {
  return line_column(*error.span().file, error.span().begin);
}

template <typename T>
const T& node_as(const ExprPtr& expr) {
  const T* node = expr->as<T>();
  if (node == nullptr) {
    throw std::runtime_error("unexpected node " + sexp(expr));
  }
  return *node;
}

std::string repeat(std::string_view piece, int count) {
  std::string out;
  for (int i = 0; i < count; ++i) {
    out += piece;
  }
  return out;
}

TEST(Parser, OperatorPrecedenceFollowsTheGrammar) {
  EXPECT_EQ(parsed("a + b * c"), "(+ a (* b c))");
  EXPECT_EQ(parsed("a * b + c"), "(+ (* a b) c)");
  EXPECT_EQ(parsed("a || b && c"), "(|| a (&& b c))");
  EXPECT_EQ(parsed("a ? b || c"), "(? a (|| b c))");
  EXPECT_EQ(parsed("a === b ? c"), "(≡ a (? b c))");
  EXPECT_EQ(parsed("a ++ b # c"), "(++ a (# b c))");
  EXPECT_EQ(parsed("a == b != c"), "(== a (!= b c))");
  EXPECT_EQ(parsed("a /\\ b // c //\\\\ d"), "(∧ a (⫽ b (⩓ c d)))");
  EXPECT_EQ(parsed("a ∧ b ⫽ c ⩓ d ≡ e"), "(≡ (∧ a (⫽ b (⩓ c d))) e)");
  EXPECT_EQ(parsed("f x + g y"), "(+ (f x) (g y))");
}

TEST(Parser, OperatorsAreLeftAssociative) {
  EXPECT_EQ(parsed("a + b + c"), "(+ (+ a b) c)");
  EXPECT_EQ(parsed("a ? b ? c"), "(? (? a b) c)");
  EXPECT_EQ(parsed("a ⫽ b ⫽ c"), "(⫽ (⫽ a b) c)");
}

TEST(Parser, ArrowsAreRightAssociative) {
  EXPECT_EQ(parsed("A → B -> C"), "(∀ _ : A → (∀ _ : B → C))");
  EXPECT_EQ(parsed("∀(a : Type) → forall (b : Type) -> a"), "(∀ a : Type → (∀ b : Type → a))");
}

TEST(Parser, PlusNeedsWhitespaceAfterIt) {
  EXPECT_EQ(parsed("f +1"), "(f +1)");
  EXPECT_EQ(parsed("f + 1"), "(+ f 1)");
  Error error = parse_failure("x +y");
  EXPECT_EQ(error.message(), "expected whitespace after `+`, found `y`");
  EXPECT_EQ(error_position(error).column, 4U);
}

TEST(Parser, KeywordPrefixesAreOrdinaryLabels) {
  EXPECT_EQ(parsed("letter"), "letter");
  EXPECT_EQ(parsed("iff inx Some1 missingFoo missing/"),
            "((((iff inx) Some1) missingFoo) missing/)");
  EXPECT_EQ(parsed("let letter = 1 in letter"), "(let letter = 1 in letter)");
  EXPECT_EQ(parsed("Natural/folds"), "Natural/folds");
  EXPECT_EQ(parsed("Natural/fold"), "Natural/fold");
  EXPECT_EQ(parsed("`let` `Bool`"), "(let Bool)");
}

TEST(Parser, KeywordsAreNotLabels) {
  EXPECT_EQ(parse_failure("{ if : Text }").message(),
            "expected a field name, `=` or `}`, found the keyword `if` (quote it with backticks "
            "to use it as a label)");
  EXPECT_EQ(parse_failure("let Bool = 1 in Bool").message(),
            "`Bool` is a builtin and cannot be bound as a variable (quote it with backticks to "
            "use it as a name)");
  EXPECT_EQ(parse_failure("f Some x").message(),
            "expected the end of the input, found `Some` (to pass it as an argument, put it in "
            "parentheses)");
  EXPECT_EQ(parse_failure("1 + if a then b else c").message(),
            "an expression starting with `if` must be parenthesized here");
  EXPECT_EQ(parse_failure("r with a = \\(x : T) -> x").message(),
            "a function or function type must be parenthesized here");
  EXPECT_EQ(parse_failure("Bool@1").message(), "`Bool` is a builtin and takes no `@` index");
}

TEST(Parser, VariablesTakeIndices) {
  EXPECT_EQ(parsed("x@1"), "x@1");
  EXPECT_EQ(parsed("x @ 0x10"), "x@16");
  EXPECT_EQ(parsed("x@0b11"), "x@3");
  EXPECT_EQ(parse_failure("x@01").message(), "a natural number cannot have leading zeros");
}

TEST(Parser, NumericLiterals) {
  EXPECT_EQ(parsed("0x1F"), "31");
  EXPECT_EQ(parsed("0b101"), "5");
  EXPECT_EQ(parsed("-0x10"), "-16");
  EXPECT_EQ(parsed("+0"), "+0");
  EXPECT_EQ(parsed("1180591620717411303424"), "1180591620717411303424"); // 2^70
  EXPECT_EQ(node_as<DoubleLit>(parse_text("1e10")).value, 1e10);
  EXPECT_EQ(node_as<DoubleLit>(parse_text("00.5")).value, 0.5);
  EXPECT_EQ(node_as<DoubleLit>(parse_text("1e-400")).value, 0.0);
  EXPECT_TRUE(std::signbit(node_as<DoubleLit>(parse_text("-0.0")).value));
  EXPECT_TRUE(std::isnan(node_as<DoubleLit>(parse_text("NaN")).value));
  EXPECT_EQ(node_as<DoubleLit>(parse_text("-Infinity")).value, -HUGE_VAL);
  EXPECT_EQ(parse_failure("1e400").message(),
            "Double literal out of range (the largest Double is about 1.8e308)");
  EXPECT_EQ(parse_failure("042").message(), "a natural number cannot have leading zeros");
}

TEST(Parser, BytesLiterals) {
  EXPECT_EQ(node_as<BytesLit>(parse_text("0x\"00fF\"")).bytes,
            (std::vector<std::uint8_t>{0x00, 0xff}));
  EXPECT_EQ(parse_failure("0x\"abc\"").message(),
            "a bytes literal needs an even number of hexadecimal digits");
}

TEST(Parser, TemporalLiterals) {
  ExprPtr date_expr = parse_text("2024-02-29");
  const auto& date = node_as<DateLit>(date_expr);
  EXPECT_EQ(date.year, 2024);
  EXPECT_EQ(date.month, 2);
  EXPECT_EQ(date.day, 29);
  ExprPtr time_expr = parse_text("23:59:07.250");
  const auto& time = node_as<TimeLit>(time_expr);
  EXPECT_EQ(time.hour, 23);
  EXPECT_EQ(time.second_fraction, Natural(7250));
  EXPECT_EQ(time.precision, 3U);
  EXPECT_EQ(node_as<TimeZoneLit>(parse_text("-05:30")).minutes, -330);
  EXPECT_EQ(parsed("2020-01-01T12:00:00Z"), "{ date = date time = time timeZone = zone }");
  EXPECT_EQ(parsed("00:00:00+01:00"), "{ time = time timeZone = zone }");
  EXPECT_EQ(parse_failure("2023-02-29").message(), "invalid day 29: that month has 28 days");
  EXPECT_EQ(parse_failure("12:60:00").message(), "invalid minute 60 (expected 00 to 59)");
}

TEST(Parser, DoubleQuotedTextEscapesAndInterpolation) {
  ExprPtr text_expr = parse_text(R"("a\"\\\/\b\f\n\r\t\$\u00e9\u{1F600}${x}b")");
  const auto& text = node_as<TextLit>(text_expr);
  ASSERT_EQ(text.chunks.size(), 1U);
  EXPECT_EQ(text.chunks[0].prefix, "a\"\\/\b\f\n\r\t$\xC3\xA9\xF0\x9F\x98\x80");
  EXPECT_EQ(text.tail, "b");
  EXPECT_EQ(parsed(R"("$ and ${"${x}"}")"), R"("$ and ${"${x}"}")");
  EXPECT_EQ(parse_failure(R"("\uD800")").message(),
            "invalid Unicode escape: surrogate code points are not characters");
  EXPECT_EQ(parse_failure(R"("\u{110000}")").message(),
            "invalid Unicode escape: out of range (the largest is \\u{10FFFD})");
  EXPECT_EQ(parse_failure(R"("\q")").message(), "invalid escape sequence");
}

TEST(Parser, MultiLineTextStripsTheCommonIndentation) {
  EXPECT_EQ(parsed("''\n  foo\n    bar\n  ''"), "\"foo\n  bar\n\"");
  // The line before the closing quotes counts, even when empty.
  EXPECT_EQ(parsed("''\n  foo\n''"), "\"  foo\n\"");
  // Blank lines do not count; lines of only spaces do.
  EXPECT_EQ(parsed("''\n  a\n\n  b''"), "\"a\n\nb\"");
  EXPECT_EQ(parsed("''\n  a\n \n  b''"), "\" a\n\n b\"");
  // Tabs and spaces are different characters.
  EXPECT_EQ(parsed("''\n\ta\n b\n''"), "\"\ta\n b\n\"");
  EXPECT_EQ(parsed("''\n\t a\n\t b\n\t ''"), "\"a\nb\n\"");
  // An interpolation ends the indentation of its line.
  EXPECT_EQ(parsed("''\n  ${x} a\n    b\n  ''"), "\"${x} a\n  b\n\"");
  EXPECT_EQ(parsed("''\n  a${x}\n    b\n  ''"), "\"a${x}\n  b\n\"");
}

TEST(Parser, MultiLineTextEscapesAndLineEndings) {
  EXPECT_EQ(parsed("''\n'''${x}''${y}''"), "\"''${x}${y}\"");
  EXPECT_EQ(parsed("''\r\n  a\r\n  b''"), "\"a\nb\"");
  EXPECT_EQ(parsed("''\nit's $5''"), "\"it's $5\"");
  EXPECT_EQ(parse_failure("''abc''").message(),
            "expected a newline after the opening `''` of a multi-line text literal, found `abc`");
}

TEST(Parser, RecordsDesugarPunsDotsAndDuplicates) {
  EXPECT_EQ(parsed("{ x, y = 1, z }"), "{ x = x y = 1 z = z }");
  EXPECT_EQ(parsed("{ a.b.c = 1 }"), "{ a = { b = { c = 1 } } }");
  EXPECT_EQ(parsed("{ a.b = 1, a.c = 2 }"), "{ a = (∧ { b = 1 } { c = 2 }) }");
  EXPECT_EQ(parsed("{ k = a, k = b, k = c }"), "{ k = (∧ (∧ a b) c) }");
  EXPECT_EQ(parsed("{ Some }"), "{ Some = Some }");
  EXPECT_EQ(parsed("{ `a.b`.c = 1 }"), "{ a.b = { c = 1 } }");
  EXPECT_EQ(parsed("{=}"), "{ }");
  EXPECT_EQ(parsed("{ , = , }"), "{ }");
  EXPECT_EQ(parsed("{}"), "{ }");
  EXPECT_EQ(parsed("{ , a : T, }"), "{ a : T }");
}

TEST(Parser, DuplicateLabelsAreRejectedWhereTheyCannotBeDesugared) {
  Error error = parse_failure("{ x : A, x : B }");
  EXPECT_EQ(error.message(), "duplicate field `x` in record type");
  EXPECT_EQ(error_position(error).column, 10U);
  EXPECT_EQ(parse_failure("< A | A : T >").message(), "duplicate alternative `A` in union type");
  EXPECT_EQ(parse_failure("r.{ a, b, a }").message(), "the field `a` is projected twice");
  EXPECT_EQ(parse_failure("{ x.y }").message(),
            "expected `=` after the dotted field name, found `}`");
}

TEST(Parser, UnionsListsAndSelectors) {
  EXPECT_EQ(parsed("< A | B : T | >"), "< A B : T >");
  EXPECT_EQ(parsed("[ , 1, 2, ]"), "[ 1 2 ]");
  EXPECT_EQ(parsed("[] : List Natural"), "[ ] : (List Natural)");
  EXPECT_EQ(parsed("[,] : T"), "[ ] : T");
  EXPECT_EQ(parsed("r . a .b.`c`"), "(. (. (. r a) b) c)");
  EXPECT_EQ(node_as<Project>(parse_text("r.{ b, a }")).labels,
            (std::vector<Label>{Label("b"), Label("a")}));
  EXPECT_TRUE(parse_text("r.({ a : T })")->is<ProjectByType>());
  EXPECT_EQ(parsed("T::{ a = 1 }.b"), "(:: T (. { a = 1 } b))");
  EXPECT_EQ(parse_failure("[]").message(),
            "an empty list needs a type annotation, as in `[] : List Natural`");
  EXPECT_EQ(parse_failure("f []").message(),
            "an empty list here needs parentheses and a type annotation, as in "
            "`([] : List Natural)`");
}

TEST(Parser, KeywordForms) {
  EXPECT_EQ(parsed("merge x y : T a"), "(merge x y : (T a))");
  EXPECT_EQ(parsed("merge x y z : T"), "(: ((merge x y) z) T)");
  EXPECT_EQ(parsed("toMap r : T"), "(toMap r : T)");
  EXPECT_EQ(parsed("Some x y"), "((Some x) y)");
  EXPECT_EQ(parsed("if a then b else if c then d else e"), "(if a b (if c d e))");
  EXPECT_EQ(parsed("let x = 1 let y : T = 2 in let z = 3 in x"),
            "(let x = 1 in (let y : T = 2 in (let z = 3 in x)))");
  EXPECT_EQ(parsed("λ(x : T) → \\(y : U) -> x"), "(λ x : T → (λ y : U → x))");
  EXPECT_EQ(parsed("assert : a === b"), "(assert (≡ a b))");
  EXPECT_EQ(parsed("x : T : U"), "(: x (: T U))");
}

TEST(Parser, WithUpdates) {
  EXPECT_EQ(parsed("r with a.b = 1 with ?.c = 2"), "(with (with r a.b 1) ?.c 2)");
  EXPECT_EQ(parsed("{ x = 0 } with x = 1 + 1"), "(with { x = 0 } x (+ 1 1))");
  EXPECT_EQ(parsed("r with a = Some 2 with b = 3"), "(with (with r a (Some 2)) b 3)");
  EXPECT_EQ(parse_failure("f x with a = 1").message(),
            "expected the end of the input, found `with` (the left side of `with` must be a "
            "variable, a field, a record or parenthesized)");
}

TEST(Parser, Imports) {
  ExprPtr local_expr = parse_text("../a/\"b c\"/d.dhall");
  const auto& local = std::get<LocalImport>(node_as<Import>(local_expr).target);
  EXPECT_EQ(local.prefix, FilePrefix::parent);
  EXPECT_EQ(local.directory, (std::vector<std::string>{"a", "b c"}));
  EXPECT_EQ(local.file, "d.dhall");

  ExprPtr remote_expr =
      parse_text("https://user@example.com:8080/a/b?x=1&y=2 using h "
                 "sha256:0000000000000000000000000000000000000000000000000000000000000001 as Text");
  const auto& import = node_as<Import>(remote_expr);
  const auto& remote = std::get<RemoteImport>(import.target);
  EXPECT_EQ(remote.scheme, Scheme::https);
  EXPECT_EQ(remote.authority, "user@example.com:8080");
  EXPECT_EQ(remote.directory, (std::vector<std::string>{"a"}));
  EXPECT_EQ(remote.file, "b");
  EXPECT_EQ(remote.query, "x=1&y=2");
  EXPECT_EQ(sexp(remote.headers), "h");
  EXPECT_EQ(import.mode, ImportMode::raw_text);
  ASSERT_TRUE(import.hash.has_value());
  EXPECT_EQ((*import.hash)[31], 1);

  EXPECT_EQ(std::get<EnvImport>(node_as<Import>(parse_text("env:\"a\\tb\"")).target).name, "a\tb");
  EXPECT_EQ(node_as<Import>(parse_text("~/x as Location")).mode, ImportMode::location);
  EXPECT_EQ(node_as<Import>(parse_text("/x as Bytes")).mode, ImportMode::raw_bytes);
  EXPECT_TRUE(std::holds_alternative<MissingImport>(node_as<Import>(parse_text("missing")).target));
  // Paths end at characters that cannot be in them; `//` is an operator.
  EXPECT_EQ(parsed("./a//b"), "(⫽ import b)");
  EXPECT_EQ(parsed("f ./a.b"), "(f import)");
  EXPECT_EQ(parsed("List ./T"), "(List import)");
  EXPECT_EQ(parse_failure("./a sha256:00").message(),
            "a sha256 hash needs exactly 64 hexadecimal digits");
  EXPECT_EQ(parse_failure("./a as Json").message(),
            "expected `Text`, `Bytes` or `Location` after `as`, found `Json`");
}

TEST(Parser, ErrorsPointAtTheOffendingToken) {
  Error missing_in = parse_failure("let x = 1\nlet y = 2\n");
  EXPECT_EQ(missing_in.message(), "expected `in` after the let binding, found end of input");
  EXPECT_EQ(error_position(missing_in).line, 3U);
  EXPECT_EQ(error_position(missing_in).column, 1U);

  EXPECT_EQ(parse_failure("\"abc\ndef\"").message(),
            "unterminated text literal (to span lines, write \\n or use a multi-line '' literal)");
  EXPECT_EQ(parse_failure("x.Some").message(),
            "expected the end of the input, found `.` (a field named like a keyword must be "
            "quoted with backticks)");
  Error unterminated = parse_failure("{ a = \"abc }");
  EXPECT_EQ(unterminated.message(), "unterminated text literal");
  EXPECT_EQ(error_position(unterminated).column, 7U);

  Error application = parse_failure("f(x)");
  EXPECT_EQ(application.message(), "expected the end of the input, found `(` (a function and "
                                   "its argument must be separated by whitespace)");

  Error comment = parse_failure("1 {- never closed");
  EXPECT_EQ(comment.message(), "unterminated block comment");
  EXPECT_EQ(error_position(comment).column, 3U);

  Error incomplete_if = parse_failure("if a then b");
  EXPECT_EQ(incomplete_if.message(), "expected `else` after the `then` branch, found end of input");

  EXPECT_EQ(parse_failure("(a").message(),
            "expected `)` to close the parenthesis, found end of input");
  EXPECT_EQ(parse_failure("x :T").message(), "expected whitespace after `:`, found `T`");
  EXPECT_EQ(parse_failure("\"a\x01\"").message(), "the control character U+0001 is not allowed");
  EXPECT_EQ(parse_failure("\xff").message(), "invalid UTF-8");
}

TEST(Parser, ErrorFormatShowsTheLineAndACaret) {
  Error error = parse_failure("let x = 1\nin  x +y");
  EXPECT_EQ(error.format(), "(input):2:8: error: expected whitespace after `+`, found `y`\n"
                            "    in  x +y\n"
                            "           ^\n");
}

TEST(Parser, SpansCoverTheConstruct) {
  ExprPtr expr = parse_text("  a + bc  ");
  EXPECT_EQ(expr->span().begin, 2U);
  EXPECT_EQ(expr->span().end, 8U);
  EXPECT_EQ(node_as<BinOp>(expr).rhs->span().begin, 6U);
}

TEST(Parser, CommentsShebangsAndWhitespace) {
  EXPECT_EQ(parsed("#!/usr/bin/env dhall\n#! more\n{- a {- nested -} comment -} x -- end"), "x");
  EXPECT_EQ(parsed("f\r\n  x"), "(f x)");
  EXPECT_EQ(parsed("f{- -}x"), "(f x)");
}

TEST(Parser, DeepNestingIsAnErrorNotACrash) {
  constexpr int depth = 100000;
  for (const auto& [open, close] :
       std::vector<std::pair<std::string, std::string>>{{"(", ")"},
                                                        {"[", "]"},
                                                        {"{ a = ", "}"},
                                                        {"\"${", "}\""},
                                                        {"Some (", ")"},
                                                        {"\\(x : T) -> ", ""},
                                                        {"https://a using ", ""}}) {
    std::string text = repeat(open, depth) + "x" + repeat(close, depth);
    Error error = parse_failure(text);
    EXPECT_EQ(error.message(), "expression nested too deeply (the limit is 1000 levels)") << open;
  }
}

// Flat chains are not nesting (syntax/spine.h): they parse, and are
// released, whatever their length.
TEST(Parser, LongChainsAreNotNesting) {
  constexpr int length = 100000;
  for (const std::string& text :
       {"1" + repeat(" + 1", length), "f" + repeat(" x", length),
        repeat("let x = 1 ", length) + "in x", repeat("let x = 1 in ", length) + "x",
        "x" + repeat(" # y ++ z", length), "True" + repeat(" && False || True", length),
        "[" + repeat("1, ", length) + "1]"}) {
    EXPECT_NO_THROW(parse_text(text)) << text.substr(0, 20);
  }
  // What hangs off a chain still nests.
  std::string deep = repeat("(", 1000) + "1" + repeat(")", 1000);
  EXPECT_EQ(parse_failure("1" + repeat(" + 1", 10) + " + " + deep).message(),
            "expression nested too deeply (the limit is 1000 levels)");
  EXPECT_EQ(parse_failure("f" + repeat(" x", 10) + " " + deep).message(),
            "expression nested too deeply (the limit is 1000 levels)");
}

TEST(Parser, LongPathsAndImportAlternativesStillNest) {
  for (const std::string& text :
       {"{ " + repeat("a.", 100000) + "a = 1 }", "x" + repeat(" ? y", 100000)}) {
    EXPECT_EQ(parse_failure(text).message(),
              "expression nested too deeply (the limit is 1000 levels)");
  }
}

} // namespace
} // namespace polar::dhall
