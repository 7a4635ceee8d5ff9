// The pretty-printer: exact output for typical expressions, and round trips
// (parse(print(e)) encodes like e) over the official test suite.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "binary/decode.h"
#include "binary/encode.h"
#include "syntax/parser.h"
#include "syntax/printer.h"

namespace polar::dhall {
namespace {

namespace fs = std::filesystem;

const fs::path tests_dir = fs::path(POLAR_HELM_SHARED_DIR) / "dhall-lang" / "tests";

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Printing at `width` and parsing again gives the same expression.
void expect_round_trip(const Expr& expr, std::size_t width = 80) {
  std::string printed = print(expr, width);
  try {
    EXPECT_EQ(encode(*parse_text(printed)), encode(expr)) << printed;
  } catch (const Error& error) {
    ADD_FAILURE() << error.message() << "\n" << printed;
  }
}

std::string reprint(std::string_view source, std::size_t width = 80) {
  return print(*parse_text(source), width);
}

ExprPtr var(std::string_view name) {
  return make_expr(Var{Label(name), 0});
}

TEST(Printer, UnicodeOperatorsAndMinimalParentheses) {
  EXPECT_EQ(reprint("\\(x : Natural) -> x + 1"), "λ(x : Natural) → x + 1");
  EXPECT_EQ(reprint("forall (a : Type) -> a -> a"), "∀(a : Type) → a → a");
  EXPECT_EQ(reprint("a /\\ b // c //\\\\ d === e"), "a ∧ b ⫽ c ⩓ d ≡ e");
  EXPECT_EQ(reprint("(a + b) * c + d"), "(a + b) * c + d");
  EXPECT_EQ(reprint("a + (b + c)"), "a + (b + c)");
  EXPECT_EQ(reprint("f (g x) (\\(y : T) -> y)"), "f (g x) (λ(y : T) → y)");
  EXPECT_EQ(reprint("(merge h u) : T"), "(merge h u) : T");
  EXPECT_EQ(reprint("merge h u : T"), "merge h u : T");
  EXPECT_EQ(reprint("(toMap r) : T"), "(toMap r) : T");
  EXPECT_EQ(reprint("(./a.dhall).x"), "(./a.dhall).x");
  EXPECT_EQ(reprint("T::{ x = 0 } with x = 1 with y.z = 2"),
            "T::{ x = 0 } with x = 1 with y.z = 2");
  EXPECT_EQ(reprint("(a with x = 1).x"), "(a with x = 1).x");
  EXPECT_EQ(reprint("Some (f x)"), "Some (f x)");
  EXPECT_EQ(reprint("([] : List Natural) # [ 1 ]"), "([] : List Natural) # [ 1 ]");
  EXPECT_EQ(reprint("r.{ a, b }.(T).c"), "r.{ a, b }.(T).c");
}

TEST(Printer, LabelsAreQuotedOnlyWhenNeeded) {
  EXPECT_EQ(reprint("`Bool`"), "`Bool`");
  EXPECT_EQ(reprint("`Some`"), "`Some`");
  EXPECT_EQ(reprint("`x y`@2"), "`x y`@2");
  EXPECT_EQ(reprint("{ Some = 1, `if` = 2, Bool = 3, `a.b` = 4, `` = 5 }"),
            "{ `` = 5, Bool = 3, Some = 1, `a.b` = 4, `if` = 2 }");
  EXPECT_EQ(reprint("\\(`let` : Type) -> `let`"), "λ(`let` : Type) → `let`");
  EXPECT_EQ(reprint("r with Some.`?`.? = 1"), "r with Some.`?`.? = 1");
}

TEST(Printer, Literals) {
  EXPECT_EQ(reprint("[ 1.0, -0.0, 1e100, 1.5e-7, 100000.0, 0.1, NaN, -Infinity, Infinity ]"),
            "[ 1.0, -0.0, 1e100, 1.5e-7, 100000.0, 0.1, NaN, -Infinity, Infinity ]");
  EXPECT_EQ(reprint("[ +0, -5, 0x10, 36893488147419103232 ]"),
            "[ +0, -5, 16, 36893488147419103232 ]");
  EXPECT_EQ(reprint("[ 2024-02-09, 00:00:00, 23:59:59.000120, -00:30, +14:00 ]"),
            "[ 2024-02-09, 00:00:00, 23:59:59.000120, -00:30, +14:00 ]");
  EXPECT_EQ(reprint("0x\"00FFa0\""), "0x\"00ffa0\"");
  EXPECT_EQ(reprint("\"a\\\"b\\\\c\\${d}$e\\u0001\\t\""), "\"a\\\"b\\\\c\\${d}$e\\u0001\\t\"");
  EXPECT_EQ(reprint("\"${x}$${y}\""), "\"${x}$${y}\"");
  EXPECT_EQ(
      reprint("https://example.com/a/b?q=1 using (h) sha256:" + std::string(64, '0') + " as Text"),
      "https://example.com/a/b?q=1 using h sha256:" + std::string(64, '0') + " as Text");
  EXPECT_EQ(reprint("https://e.com/x using (./h sha256:" + std::string(64, '1') + ")"),
            "https://e.com/x using (./h sha256:" + std::string(64, '1') + ")");
  EXPECT_EQ(reprint("[ /\"a b\"/c, ~/d, ../e, env:HOME, env:\"A B\", missing as Location ]"),
            "[ /\"a b\"/c, ~/d, ../e, env:HOME, env:\"A B\", missing as Location ]");
}

// Text literals and quoted variable names share the escapes of `"`, `\`
// and \b \f \n \r \t; each has its own besides.
TEST(Printer, EscapesInTextAndVariableNames) {
  EXPECT_EQ(reprint("\"q\\\"s\\\\b\\bf\\fr\\rt\\t\\u0007\\u000B\""),
            "\"q\\\"s\\\\b\\bf\\fr\\rt\\t\\u0007\\u000B\"");
  EXPECT_EQ(reprint("env:\"q\\\"s\\\\b\\bf\\fn\\nr\\rt\\ta\\av\\v\""),
            "env:\"q\\\"s\\\\b\\bf\\fn\\nr\\rt\\ta\\av\\v\"");
}

TEST(Printer, MultilineTextWhenExact) {
  EXPECT_EQ(reprint("\"line 1\\n  line 2\\n\\nline ${x} '${y}'\\n\""),
            "''\nline 1\n  line 2\n\nline ${x} '${y}'\n''");
  EXPECT_EQ(reprint("\"a\\nb\"", 80), "''\na\nb''");
  EXPECT_EQ(reprint("\"a ''b \\${c}\\n\""), "''\na '''b ''${c}\n''");
  // Without a line that pins the indentation, or ending in a quote: one line.
  EXPECT_EQ(reprint("\"  a\\n  b\""), "\"  a\\n  b\"");
  EXPECT_EQ(reprint("\"a\\nb'\""), "\"a\\nb'\"");
  EXPECT_EQ(reprint("\"a'\\${b}\\n\""), "\"a'\\${b}\\n\"");
  EXPECT_EQ(reprint("\"a\\r\\nb\""), "\"a\\r\\nb\"");
}

TEST(Printer, BreaksLongExpressions) {
  EXPECT_EQ(reprint("{ alpha = 1, beta = [ 1, 2, 3 ], gamma = { delta = True } }", 30),
            "{ alpha = 1\n"
            ", beta = [ 1, 2, 3 ]\n"
            ", gamma = { delta = True }\n"
            "}");
  EXPECT_EQ(reprint("let f = \\(x : Natural) -> x + 1 let y = f 2 in f y", 20),
            "let f =\n"
            "    λ(x : Natural) →\n"
            "      x + 1\n"
            "\n"
            "let y = f 2\n"
            "\n"
            "in  f y");
  EXPECT_EQ(reprint("T::{ name = \"x\", spec = Some S::{ replicas = 2, other = 3 } }", 30),
            "T::{\n"
            ", name = \"x\"\n"
            ", spec = Some S::{\n"
            "  , other = 3\n"
            "  , replicas = 2\n"
            "  }\n"
            "}");
  EXPECT_EQ(reprint("function argument1 argument2", 20), "function\n"
                                                         "  argument1\n"
                                                         "  argument2");
}

TEST(Printer, ConstructedTrees) {
  // Trees the parser never builds, such as variables named like keywords
  // and builtins, and right-nested operators.
  auto a = var("a");
  expect_round_trip(*make_expr(BinOp{Op::list_append, a, make_expr(BinOp{Op::list_append, a, a})}));
  expect_round_trip(*make_expr(Field{make_expr(NaturalLit{1}), Label("x")}));
  expect_round_trip(*make_expr(Field{make_expr(DoubleLit{-1.5}), Label("x")}));
  expect_round_trip(*make_expr(App{var("Natural"), var("missing")}));
  expect_round_trip(*make_expr(Annot{make_expr(Merge{a, a, nullptr}), a}));
  expect_round_trip(*make_expr(TextLit{{{"", a}}, ""}));
  expect_round_trip(*make_expr(TimeLit{1, 2, Natural(3), 5}));
  expect_round_trip(*make_expr(DoubleLit{std::nextafter(1.0, 2.0)}));
  expect_round_trip(*make_expr(DoubleLit{5e-324}));
  expect_round_trip(*make_expr(DoubleLit{1.7976931348623157e308}));
  expect_round_trip(*make_expr(Pi{Label("_"), make_expr(Pi{Label("_"), a, a}), a}));
  expect_round_trip(*make_expr(With{make_expr(Some{a}),
                                    {WithStep{true, {}}},
                                    make_expr(With{a, {WithStep{false, Label("x")}}, a})}));
}

// Every file of the official suite that parses, at the usual width and at a
// width that forces nearly everything onto separate lines.
TEST(Printer, OfficialSuiteRoundTrips) {
  std::size_t checked = 0;
  for (const auto& entry : fs::recursive_directory_iterator(tests_dir)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".dhall") {
      continue;
    }
    ExprPtr expr;
    try {
      expr = parse_text(read_file(entry.path()), entry.path().string());
    } catch (const Error&) {
      continue; // parser failure tests
    }
    SCOPED_TRACE(entry.path().string());
    expect_round_trip(*expr);
    expect_round_trip(*expr, 10);
    ++checked;
  }
  EXPECT_GT(checked, 2000U);
}

// Decoded expressions print too, including what the parser never produces.
TEST(Printer, DecodedExpressionsRoundTrip) {
  for (const auto& entry : fs::recursive_directory_iterator(tests_dir / "binary-decode")) {
    if (entry.path().extension() != ".dhallb" ||
        entry.path().string().find("/success/") == std::string::npos) {
      continue;
    }
    SCOPED_TRACE(entry.path().string());
    std::string bytes = read_file(entry.path());
    expect_round_trip(*decode({reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()}));
  }
}

} // namespace
} // namespace polar::dhall
