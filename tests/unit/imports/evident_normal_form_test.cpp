// Recognizing resolved expressions that need no normalization.
#include <gtest/gtest.h>

#include <set>

#include "imports/detail/evident_normal_form.h"
#include "semantics/eval.h"
#include "syntax/parser.h"
#include "syntax/printer.h"

namespace polar::dhall {
namespace {

// The evident normal form of `source`, printed, or "" when there is none.
std::string evident(std::string_view source) {
  ExprPtr expr = parse_text(source);
  ExprPtr result = evident_normal_form(expr, [](const Expr&) { return false; });
  if (!result) {
    return "";
  }
  // Whatever it finds must be the normal form.
  EXPECT_EQ(print(*result), print(*normalize(expr))) << source;
  return print(*result);
}

// Whether `source` is its own evident normal form.
bool evidently_normal(std::string_view source) {
  return evident(source) == print(*parse_text(source));
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
  EXPECT_FALSE(evidently_normal("{ a = \"${\"x\"}\" }"));
  EXPECT_FALSE(evidently_normal("{ a = Natural/even 2 }"));
  EXPECT_FALSE(evidently_normal("{ a = λ(x : Natural) → x }"));
  EXPECT_FALSE(evidently_normal("let x = 1 in { a = x }"));
  EXPECT_FALSE(evidently_normal("{ a = 1 } ⫽ { b = 2 }"));
  EXPECT_FALSE(evidently_normal("{ a = [ 1 ] : List Natural }"));
  EXPECT_FALSE(evidently_normal("Some (1 + 1)"));
  EXPECT_FALSE(evidently_normal("{ a = 1 } ∧ { b = 2 }"));
}

TEST(EvidentNormalForm, SelectsFieldsAndMergesRecordLiterals) {
  EXPECT_EQ(evident("{ a = { b = 1 }.b }"), "{ a = 1 }");
  EXPECT_EQ(evident("{ a = { b = < X | Y >, c = 2 }.b.X }"), "{ a = < X | Y >.X }");
  EXPECT_EQ(evident("{ a = 1, c = { d = 1 } } ∧ { b = 2, c = { e = True } }"),
            "{ a = 1, b = 2, c = { d = 1, e = True } }");
  EXPECT_EQ(evident("{ a = 1 } ∧ {=}"), "{ a = 1 }");
  EXPECT_EQ(evident("{=} ∧ { a = 1 }"), "{ a = 1 }");
  EXPECT_EQ(evident("{ a = { b = 1 + 1 }.b }"), "");       // the field reduces
  EXPECT_EQ(evident("{ a = { b = 1 } ⫽ { c = 2 } }"), ""); // other operators are left
}

TEST(EvidentNormalForm, MergesSharingTheKnownSubtrees) {
  ExprPtr schemas = parse_text("{ A = { Type = Text, default = \"\" } }");
  ExprPtr types = parse_text("{ IntOrString = < Int : Integer | String : Text > }");
  auto known = [&](const Expr& node) { return &node == schemas.get() || &node == types.get(); };
  ExprPtr package = make_expr(
      BinOp{Op::combine, schemas,
            make_expr(RecordLit{
                FieldMap{{Label("IntOrString"), make_expr(Field{types, Label("IntOrString")})}}})});
  ExprPtr result = evident_normal_form(package, known);
  ASSERT_NE(result, nullptr);
  const auto& fields = result->as<RecordLit>()->fields;
  EXPECT_EQ(fields.at(Label("A")), schemas->as<RecordLit>()->fields.at(Label("A")));
  EXPECT_EQ(fields.at(Label("IntOrString")),
            types->as<RecordLit>()->fields.at(Label("IntOrString")));
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
  EXPECT_EQ(evident_normal_form(expr, known), expr);
  // The known subtree is not walked into.
  EXPECT_FALSE(asked.contains(imported->as<RecordType>()->fields.at(Label("x")).get()));
}

} // namespace
} // namespace polar::dhall
