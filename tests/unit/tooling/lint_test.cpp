#include "tooling/lint.h"

#include <gtest/gtest.h>

#include <string>

#include "syntax/parser.h"
#include "syntax/printer.h"

namespace polar::dhall {
namespace {

std::string linted(std::string_view text) {
  return print(*lint(parse_text(text)), 1000);
}

TEST(Lint, RemovesLetsTheBodyNeverUses) {
  EXPECT_EQ(linted("let a = 1 let b = 2 in b"), "let b = 2 in b");
  EXPECT_EQ(linted("let a = 1 let b = a in 3"), "3");
  // A shadowed name is unused: the inner `x` refers to the second binding.
  EXPECT_EQ(linted("let x = 1 let x = 2 in x"), "let x = 2 in x");
}

TEST(Lint, RenumbersVariablesPastTheRemovedLet) {
  // x@1 referred to the outer x, past the removed one.
  EXPECT_EQ(linted("λ(x : Natural) → let x = 1 in x@1"), "λ(x : Natural) → x");
}

TEST(Lint, KeepsLetsWhoseValueHoldsAnAssertion) {
  EXPECT_EQ(linted("let check = assert : 1 ≡ 1 in 2"), "let check = assert : 1 ≡ 1 in 2");
  EXPECT_EQ(linted("let checks = { a = assert : 1 ≡ 1 } in 2"),
            "let checks = { a = assert : 1 ≡ 1 } in 2");
}

TEST(Lint, TurnsEquivalencesBoundByLetIntoAssertions) {
  EXPECT_EQ(linted("let a = 1 let test = a === 1 in a"),
            "let a = 1 let test = assert : a ≡ 1 in a");
  EXPECT_EQ(linted("let a = 1 in a === 1"), "let a = 1 in assert : a ≡ 1");
  // An equivalence that is not the whole value is left alone.
  EXPECT_EQ(linted("let a = (1 === 1) : Type in 3"), "3");
}

TEST(Lint, WritesParentPathsDirectly) {
  EXPECT_EQ(linted("./../a/b.dhall"), "../a/b.dhall");
  EXPECT_EQ(linted("./a/../b.dhall"), "./a/../b.dhall");
}

// Flat chains (syntax/spine.h) of any length are followed in loops: one call
// per link overflowed the stack at 100,000 lets (a crash, exit 139).
TEST(Lint, FollowsChainsOfAnyLengthWithoutOverflowingTheStack) {
  constexpr int links = 100000;
  std::string lets;
  std::string sum = "0";
  for (int i = 0; i < links; ++i) {
    lets += "let x" + std::to_string(i) + " = " + std::to_string(i) + " ";
    sum += " + 1";
  }
  EXPECT_EQ(linted(lets + "in x0"), "let x0 = 0 in x0");
  EXPECT_EQ(linted("let unused = 1 in " + sum).size(), sum.size());
  EXPECT_EQ(linted("λ(x : Natural) → let y = 2 in " + lets + "in x@0"), "λ(x : Natural) → x");
}

TEST(Lint, RemovesLetsThatOnlyRemovedLetsUsed) {
  // `b` is used only by `c`, which nothing uses: both go, innermost first.
  EXPECT_EQ(linted("let a = 1 let b = a let c = b in a"), "let a = 1 in a");
  // Shadowing across removed lets: x@1 names the first x past two removed.
  EXPECT_EQ(linted("let x = 1 let x = 2 let y = 3 let x = 4 in x@2"), "let x = 1 in x");
  EXPECT_EQ(linted("let x = 1 let x = x let x = 3 in x@1"), "let x = 1 let x = x in x");
}

// A long chain where every let is used, every other one only by lets that
// are removed: each is resolved once, not once per let below it (a chain
// of 20,000 used lets took 35 s; BENCHMARKS.md, "lint").
TEST(Lint, LongChainsOfUsedLetsComeOutRight) {
  constexpr int links = 20000;
  std::string text;
  std::string expected;
  for (int i = 0; i < links; ++i) {
    std::string name = "x" + std::to_string(i);
    std::string value = i == 0 ? "0" : "x" + std::to_string(i - 1);
    text += "let " + name + " = " + value + " let unused = " + name + " ";
    expected += "let " + name + " = " + value + " ";
  }
  std::string last = "x" + std::to_string(links - 1);
  // EXPECT_TRUE: a mismatch would print two 300 kB texts.
  EXPECT_TRUE(linted(text + "in " + last) == print(*parse_text(expected + "in " + last), 1000));
}

TEST(Lint, IsIdempotent) {
  for (std::string_view text :
       {"let a = 1 let b = a === 1 let c = 3 in c", "λ(x : Natural) → let y = x let z = y in x",
        "let f = λ(a : Natural) → let unused = a in a in f 1"}) {
    std::string once = linted(text);
    EXPECT_EQ(linted(once), once) << text;
  }
}

} // namespace
} // namespace polar::dhall
