// Recognizing resolved expressions that need no normalization.
#include <gtest/gtest.h>

#include <set>

#include "imports/evident_normal_form.h"
#include "semantics/eval.h"
#include "syntax/parser.h"
#include "syntax/printer.h"

namespace polar::dhall {
namespace {

bool evidently_normal(std::string_view source) {
  ExprPtr expr = parse_text(source);
  bool result = is_evidently_normal(*expr, [](const Expr&) { return false; });
  if (result) {
    // Whatever it accepts must be its own normal form.
    EXPECT_EQ(print(*normalize(expr)), print(*expr)) << source;
  }
  return result;
}

TEST(EvidentNormalForm, AcceptsTypesAndLiteralsBuiltFromNormalParts) {
  EXPECT_TRUE(evidently_normal("{ a : Text, b : Optional (List { c : Natural }) }"));
  EXPECT_TRUE(evidently_normal("{ a = \"x\", b = None (List Text), c = Some [ 1, 2 ] }"));
  EXPECT_TRUE(evidently_normal("< A : Natural | B >"));
  EXPECT_TRUE(evidently_normal("< A : Natural | B >.A 1"));
  EXPECT_TRUE(evidently_normal("< A : Natural | B >.B"));
  EXPECT_TRUE(evidently_normal("[] : List Bool"));
  EXPECT_TRUE(evidently_normal("{ a = 1.5, b = -2, c = True, d = 0x\"00\", e = 2020-01-01 }"));
}

TEST(EvidentNormalForm, RejectsWhatMightReduce) {
  EXPECT_FALSE(evidently_normal("{ a = 1 + 1 }"));
  EXPECT_FALSE(evidently_normal("{ a = { b = 1 }.b }"));
  EXPECT_FALSE(evidently_normal("{ a = \"${\"x\"}\" }"));
  EXPECT_FALSE(evidently_normal("{ a = Natural/even 2 }"));
  EXPECT_FALSE(evidently_normal("{ a = λ(x : Natural) → x }"));
  EXPECT_FALSE(evidently_normal("let x = 1 in { a = x }"));
  EXPECT_FALSE(evidently_normal("{ a = 1 } ⫽ { b = 2 }"));
  EXPECT_FALSE(evidently_normal("{ a = [ 1 ] : List Natural }"));
  EXPECT_FALSE(evidently_normal("Some (1 + 1)"));
}

TEST(EvidentNormalForm, TrustsTheSubtreesItIsToldAreNormal) {
  ExprPtr imported = make_expr(RecordType{FieldMap{{Label("x"), parse_text("Text")}}});
  ExprPtr expr =
      make_expr(RecordLit{FieldMap{{Label("T"), imported}, {Label("d"), parse_text("None Text")}}});
  std::set<const Expr*> asked;
  auto known = [&](const Expr& node) {
    asked.insert(&node);
    return &node == imported.get();
  };
  EXPECT_TRUE(is_evidently_normal(*expr, known));
  // The known subtree is not walked into.
  EXPECT_FALSE(asked.contains(imported->as<RecordType>()->fields.at(Label("x")).get()));
}

} // namespace
} // namespace polar::dhall
