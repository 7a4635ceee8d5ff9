// Flat chains (syntax/spine.h) of any length through every pass: parsing,
// type checking, evaluation, read-back, equivalence, α-normalization,
// encoding and printing. Programs of 5000 links, as the reference accepts.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "binary/encode.h"
#include "semantics/eval.h"
#include "semantics/typecheck.h"
#include "syntax/parser.h"
#include "syntax/printer.h"

namespace polar::dhall {
namespace {

constexpr int length = 5000;

std::string joined(const std::string& item, const std::string& separator, int count) {
  std::string text = item;
  for (int index = 1; index < count; ++index) {
    text += separator + item;
  }
  return text;
}

// The normal form of a well-typed program, after checking that its type is
// `type`.
ExprPtr checked_normal_form(const std::string& program, const std::string& type) {
  ExprPtr expr = parse_text(program);
  EXPECT_TRUE(equivalent(type_of(expr), parse_text(type))) << print(*type_of(expr));
  return normalize(expr);
}

void expect_normal_form(const std::string& program, const std::string& type,
                        const std::string& expected) {
  ExprPtr normal = checked_normal_form(program, type);
  EXPECT_EQ(encode(*alpha_normalize(normal)), encode(*alpha_normalize(parse_text(expected))))
      << print(*normal).substr(0, 200);
}

TEST(Chains, LongLetChains) {
  std::string program = "let x0 = 0\n";
  for (int index = 1; index < length; ++index) {
    program += "let x" + std::to_string(index) + " = x" + std::to_string(index - 1) + " + 1\n";
  }
  program += "in  x" + std::to_string(length - 1);
  expect_normal_form(program, "Natural", std::to_string(length - 1));
  // The same chain with `in` between the bindings, whose names repeat.
  expect_normal_form(joined("let x = 1 in", " ", length) + " x", "Natural", "1");
}

TEST(Chains, LongOperatorChains) {
  expect_normal_form(joined("1", " + ", length), "Natural", std::to_string(length));
  expect_normal_form(joined("1", " * ", length), "Natural", "1");
  expect_normal_form(joined("True", " && ", length), "Bool", "True");
  expect_normal_form(joined("False", " || ", length), "Bool", "False");
  expect_normal_form(joined("True", " == ", length), "Bool", "True");
  expect_normal_form(joined("\"a\"", " ++ ", length), "Text",
                     "\"" + std::string(length, 'a') + "\"");
  expect_normal_form(joined("[ 1 ]", " # ", length), "List Natural",
                     "[ " + joined("1", ", ", length) + " ]");
  expect_normal_form(joined("{ a = 1 }", " // ", length), "{ a : Natural }", "{ a = 1 }");
  std::string fields;
  std::string types;
  std::string record;
  for (int index = 0; index < length; ++index) {
    std::string name = "a" + std::to_string(index);
    fields += (index == 0 ? "" : " /\\ ") + ("{ " + name + " = 1 }");
    types += (index == 0 ? "" : ", ") + (name + " : Natural");
    record += (index == 0 ? "" : ", ") + (name + " = 1");
  }
  expect_normal_form(fields, "{ " + types + " }", "{ " + record + " }");
  // Mixed precedences: the chain of `+` has products hanging off it.
  expect_normal_form(joined("2 * 3", " + ", length), "Natural", std::to_string(6 * length));
}

TEST(Chains, LongApplicationSpines) {
  // id T id T … id Natural 5, with T the type of id.
  std::string spine = "let id = λ(a : Type) → λ(x : a) → x in id " +
                      joined("(∀(a : Type) → a → a) id", " ", length) + " Natural 5";
  expect_normal_form(spine, "Natural", "5");
}

// Chains that cannot reduce stay chains in the normal form: they are read
// back, compared, α-normalized, encoded and printed in loops.
TEST(Chains, NeutralChainsInNormalForms) {
  std::string sum = "λ(x : Natural) → " + joined("x", " + ", length);
  ExprPtr normal = checked_normal_form(sum, "Natural → Natural");
  EXPECT_TRUE(equivalent(normal, parse_text(sum)));
  EXPECT_FALSE(equivalent(normal, parse_text(sum + " + x")));
  EXPECT_EQ(encode(*alpha_normalize(normal)), encode(*alpha_normalize(parse_text(sum))));
  EXPECT_EQ(print(*normal, 1000000), "λ(x : Natural) → " + joined("x", " + ", length));

  std::string applications = "λ(f : ∀(a : Type) → a → a) → f " +
                             joined("(∀(a : Type) → a → a) f", " ", length) + " Natural 5";
  ExprPtr stuck = checked_normal_form(applications, "(∀(a : Type) → a → a) → Natural");
  EXPECT_TRUE(equivalent(stuck, parse_text(applications)));
  EXPECT_EQ(encode(*alpha_normalize(stuck)), encode(*alpha_normalize(parse_text(applications))));
}

TEST(Chains, RealNestingStillHasItsLimit) {
  std::string nested =
      "λ(x : Natural) → " + joined("Natural/subtract 0 (", "", 1500) + "x" + std::string(1500, ')');
  EXPECT_THROW(parse_text(nested), Error);
}

// List values share storage as they grow (semantics/detail/list_items.h); every
// list built from another keeps exactly its own items.
TEST(Lists, ListsGrownFromOneAnotherKeepTheirOwnItems) {
  expect_normal_form(R"(
      let a = [ 1 ]
      let b = a # [ 2 ]
      let c = a # [ 3 ]
      let d = [ 0 ] # b
      let e = [ 9 ] # b
      let f = [ 8, 7 ] # d
      let g = d # d
      in  { a, b, c, d, e, f, g, h = g # [ 4 ], i = e # e }
    )",
                     "{ a : List Natural, b : List Natural, c : List Natural, d : List Natural, "
                     "e : List Natural, f : List Natural, g : List Natural, h : List Natural, "
                     "i : List Natural }",
                     "{ a = [ 1 ], b = [ 1, 2 ], c = [ 1, 3 ], d = [ 0, 1, 2 ], e = [ 9, 1, 2 ], "
                     "f = [ 8, 7, 0, 1, 2 ], g = [ 0, 1, 2, 0, 1, 2 ], "
                     "h = [ 0, 1, 2, 0, 1, 2, 4 ], i = [ 9, 1, 2, 9, 1, 2 ] }");
}

TEST(Lists, ListsBuiltOneItemAtATime) {
  constexpr int count = 30000;
  std::string n = std::to_string(count);
  // Appending at the end in a fold.
  expect_normal_form("List/length Natural (Natural/fold " + n +
                         " (List Natural) (λ(l : List Natural) → l # [ 1 ]) ([] : List Natural))",
                     "Natural", n);
  // Prepending with List/build's cons (Prelude's List/replicate).
  expect_normal_form("List/length Natural (List/build Natural (λ(list : Type) → λ(cons : Natural → "
                     "list → list) → Natural/fold " +
                         n + " list (cons 1)))",
                     "Natural", n);
  // Prelude's List/map over a literal, and the fold inside it.
  std::vector<std::string> items;
  std::string literal = "[ 0";
  std::string mapped = "[ 1";
  for (int index = 1; index < count; ++index) {
    literal += ", " + std::to_string(index);
    mapped += ", " + std::to_string(index + 1);
  }
  literal += " ]";
  mapped += " ]";
  expect_normal_form("List/build Natural (λ(list : Type) → λ(cons : Natural → list → list) → "
                     "List/fold Natural " +
                         literal + " list (λ(x : Natural) → cons (x + 1)))",
                     "List Natural", mapped);
  // Two lists grown from the same one in alternation.
  expect_normal_form("let step = λ(p : { l : List Natural, r : List Natural }) → "
                     "{ l = p.l # [ 1 ], r = p.l # [ 2 ] } "
                     "in  Natural/fold 1000 { l : List Natural, r : List Natural } step "
                     "{ l = [] : List Natural, r = [] : List Natural }",
                     "{ l : List Natural, r : List Natural }",
                     "{ l = [ " + joined("1", ", ", 1000) + " ], r = [ " + joined("1", ", ", 999) +
                         ", 2 ] }");
}

} // namespace
} // namespace polar::dhall
