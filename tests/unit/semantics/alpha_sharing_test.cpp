// α-normalization returns subtrees that are α-normal already as they are
// (docs/evaluation.md, "α-normal forms share"), and normalizes a shared
// subtree without outside variables once.
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

// `{ a = x, b = x }` nested `levels` deep around `inner`, one node per level.
ExprPtr doubled(ExprPtr inner, int levels) {
  for (int level = 0; level < levels; ++level) {
    inner = make_expr(RecordLit{FieldMap{{Label("a"), inner}, {Label("b"), inner}}});
  }
  return inner;
}

TEST(AlphaSharing, ASharedClosedSubtreeIsNormalizedOnce) {
  // 2^60 occurrences of a renamed λ: only a walk of the graph ends.
  ExprPtr input = doubled(parse_text("λ(x : Natural) → x"), 60);
  ExprPtr output = alpha_normalize(input);
  const auto& fields = output->as<RecordLit>()->fields;
  EXPECT_EQ(fields.at(Label("a")), fields.at(Label("b")));
  ExprPtr leaf = output;
  for (int level = 0; level < 60; ++level) {
    leaf = leaf->as<RecordLit>()->fields.at(Label("b"));
  }
  EXPECT_EQ(print(*leaf), "λ(_ : Natural) → _");
}

TEST(AlphaSharing, ASharedSubtreeWithAnOutsideVariableDependsOnItsPlace) {
  // `y` under `λ(y : Bool)`, met once under one more binder `z`: its
  // α-normal index differs between the two places.
  ExprPtr y = parse_text("[ y ]");
  ExprPtr body = make_expr(RecordLit{FieldMap{
      {Label("a"), y}, {Label("b"), make_expr(Lambda{Label("z"), parse_text("Bool"), y})}}});
  ExprPtr input = make_expr(Lambda{Label("y"), parse_text("Bool"), body});
  EXPECT_EQ(print(*alpha_normalize(input)),
            "λ(_ : Bool) → { a = [ _ ], b = λ(_ : Bool) → [ _@1 ] }");
}

} // namespace
} // namespace polar::dhall
