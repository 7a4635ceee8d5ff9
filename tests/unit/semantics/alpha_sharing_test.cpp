// α-normalization returns subtrees that are α-normal already as they are
// (docs/evaluation.md, "α-normal forms share").
#include <gtest/gtest.h>

#include "semantics/eval.h"
#include "syntax/parser.h"
#include "syntax/printer.h"

namespace polar::dhall {
namespace {

TEST(AlphaSharing, BinderFreeTreesAreReturnedAsTheyAre) {
  ExprPtr types =
      parse_text("{ a : Optional Text, b : List { c : Natural }, d : < X | Y : Bool > }");
  EXPECT_EQ(alpha_normalize(types), types);
  ExprPtr values = parse_text("{ a = [ 1, 2 ], b = Some \"x\", c = None Text }");
  EXPECT_EQ(alpha_normalize(values), values);
}

TEST(AlphaSharing, UnchangedSiblingsOfARenamedBinderAreShared) {
  ExprPtr input = parse_text("{ f = λ(x : Natural) → x, t = { a : Text } }");
  ExprPtr output = alpha_normalize(input);
  ASSERT_NE(output, input);
  EXPECT_EQ(print(*output), "{ f = λ(_ : Natural) → _, t = { a : Text } }");
  const auto& before = input->as<RecordLit>()->fields;
  const auto& after = output->as<RecordLit>()->fields;
  EXPECT_EQ(after.at(Label("t")), before.at(Label("t")));
  EXPECT_NE(after.at(Label("f")), before.at(Label("f")));
  // Inside the renamed λ the annotation did not change either.
  EXPECT_EQ(after.at(Label("f"))->as<Lambda>()->type, before.at(Label("f"))->as<Lambda>()->type);
}

TEST(AlphaSharing, AlreadyAlphaNormalTermsWithBindersAreShared) {
  ExprPtr input = parse_text("λ(_ : Type) → λ(_ : _) → _");
  EXPECT_EQ(alpha_normalize(input), input);
  // `_@0` under one more binder named `x` is not α-normal: it becomes `_@1`.
  EXPECT_EQ(print(*alpha_normalize(parse_text("λ(_ : Type) → λ(x : _) → _"))),
            "λ(_ : Type) → λ(_ : _) → _@1");
}

} // namespace
} // namespace polar::dhall
