#include "tooling/detail/bound_variables.h"

#include <gtest/gtest.h>

#include "syntax/parser.h"
#include "syntax/printer.h"

namespace polar::dhall {
namespace {

TEST(BoundVariables, ABinderOfTheSameNameHidesTheVariable) {
  Label x("x");
  EXPECT_TRUE(occurs_free(x, 0, parse_text("x + 1")));
  EXPECT_FALSE(occurs_free(x, 0, parse_text("λ(x : Natural) → x")));
  EXPECT_TRUE(occurs_free(x, 0, parse_text("λ(x : Natural) → x@1")));
  EXPECT_TRUE(occurs_free(x, 0, parse_text("λ(y : Natural) → x")));
  EXPECT_FALSE(occurs_free(x, 0, parse_text("let x = 1 in x")));
  EXPECT_TRUE(occurs_free(x, 0, parse_text("let x = x in x")));
  EXPECT_FALSE(occurs_free(x, 0, parse_text("∀(x : Type) → x")));
}

TEST(BoundVariables, ShiftingDownRenumbersOnlyTheFreeOccurrencesPastTheCutoff) {
  Label x("x");
  EXPECT_EQ(print(*shift(-1, x, 0, parse_text("x@1 + x@2"))), "x + x@1");
  EXPECT_EQ(print(*shift(-1, x, 0, parse_text("λ(x : Natural) → x + x@2"))),
            "λ(x : Natural) → x + x@1");
  EXPECT_EQ(print(*shift(1, x, 0, parse_text("y + x"))), "y + x@1");
}

} // namespace
} // namespace polar::dhall
