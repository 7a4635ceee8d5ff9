#include "semantics/typecheck.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "semantics/detail/builtin_types.h"
#include "semantics/eval.h"
#include "syntax/parser.h"

namespace polar::dhall {
namespace {

// Does `source` have the type `expected` (compared up to α-equivalence)?
::testing::AssertionResult has_type(std::string_view source, std::string_view expected) {
  auto actual = type_of(parse_text(source));
  if (equivalent(actual, parse_text(expected))) {
    return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure() << source << " does not have type " << expected;
}

// The type error `source` is rejected with.
Error type_error(std::string_view source) {
  try {
    type_of(parse_text(source));
  } catch (const Error& error) {
    return error;
  }
  ADD_FAILURE() << source << " was accepted";
  return Error(ErrorKind::io, "accepted");
}

// The source text an error's span covers.
std::string spanned(const Error& error) {
  const auto& span = error.span();
  if (!span.known()) {
    return "";
  }
  return span.file->text.substr(span.begin, span.end - span.begin);
}

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

TEST(TypeCheck, UniversesAndFunctionCheck) {
  EXPECT_TRUE(has_type("Type", "Kind"));
  EXPECT_TRUE(has_type("Kind", "Sort"));
  EXPECT_TRUE(has_type("Kind → Kind", "Sort"));
  EXPECT_TRUE(has_type("Kind → Bool", "Type"));
  EXPECT_TRUE(has_type("Type → Type", "Kind"));
  EXPECT_TRUE(has_type("Kind : Sort", "Sort"));
  EXPECT_EQ(type_error("Sort").kind(), ErrorKind::type);
  EXPECT_TRUE(contains(type_error("Type → Sort").message(), "`Sort` has no type"));
}

TEST(TypeCheck, VariablesWithIndices) {
  EXPECT_TRUE(
      has_type("λ(x : Type) → λ(x : Natural) → x@1", "∀(x : Type) → ∀(x : Natural) → Type"));
  EXPECT_TRUE(has_type("λ(t : Type) → < t : t >.t", "∀(t : Type) → ∀(t : t) → < t : t@1 >"));
  auto error = type_error("λ(x : Bool) → x@1");
  EXPECT_TRUE(contains(error.message(), "unbound variable `x@1`"));
  EXPECT_EQ(spanned(error), "x@1");
}

TEST(TypeCheck, LetBindsValuesNotJustTypes) {
  EXPECT_TRUE(has_type("let t : Type = Natural in 1 : t", "Natural"));
  EXPECT_TRUE(has_type("let x = Bool let x = Natural in λ(y : x@1) → y", "Bool → Bool"));
  EXPECT_TRUE(has_type("let T = 0 in λ(T : Type) → λ(x : T) → 1", "∀(T : Type) → T → Natural"));
}

TEST(TypeCheck, ApplicationMismatchNamesBothTypesAndPointsAtTheArgument) {
  auto error = type_error("Natural/even True");
  EXPECT_TRUE(contains(error.message(), "expects an argument of type `Natural`"));
  EXPECT_TRUE(contains(error.message(), "given a value of type `Bool`"));
  EXPECT_EQ(spanned(error), "True");
}

TEST(TypeCheck, RecordErrorsNameTheField) {
  auto missing = type_error("{ y = 1 }.x");
  EXPECT_TRUE(contains(missing.message(), "field `x` is missing from the record"));
  auto annotated = type_error("{ x = 1 } : { x : Text }");
  EXPECT_TRUE(contains(annotated.message(), "field `x` should have type `Text`"));
  auto collision = type_error("{ a = { b = 1 } } ∧ { a = { b = 2 } }");
  EXPECT_TRUE(contains(collision.message(), "`a.b`"));
}

TEST(TypeCheck, IfAndListMessages) {
  auto branches = type_error("if True then 1 else \"\"");
  EXPECT_TRUE(contains(branches.message(), "`if` branches must have the same type"));
  auto condition = type_error("if 1 then 1 else 1");
  EXPECT_EQ(spanned(condition), "1");
  auto element = type_error("[ True, 1 ]");
  EXPECT_TRUE(contains(element.message(), "list elements must all have the same type"));
  EXPECT_EQ(spanned(element), "1");
  EXPECT_TRUE(contains(type_error("[] : Optional Bool").message(), "annotated with `List T`"));
  EXPECT_TRUE(contains(type_error("[ Bool ]").message(), "list element must be a value"));
}

TEST(TypeCheck, RecordsAndUnions) {
  EXPECT_TRUE(has_type("{ x = Bool, y = 1 }", "{ x : Type, y : Natural }"));
  EXPECT_TRUE(has_type("{ x : Bool } ⩓ { y : Type }", "Kind"));
  EXPECT_TRUE(
      has_type("{ x = { a = 1 } } ∧ { x = { b = True } }", "{ x : { a : Natural, b : Bool } }"));
  EXPECT_TRUE(has_type("{ a = 0 } ⫽ { a = Bool }", "{ a : Type }"));
  EXPECT_TRUE(has_type("{ a = 1, b = True }.{ b }", "{ b : Bool }"));
  EXPECT_TRUE(has_type("{ a = 1, b = True }.({ a : Natural })", "{ a : Natural }"));
  EXPECT_TRUE(has_type("< A | B : Natural >.A", "< A | B : Natural >"));
  EXPECT_EQ(type_error("{ a = Kind }").kind(), ErrorKind::type);
}

TEST(TypeCheck, MergeAndToMap) {
  EXPECT_TRUE(
      has_type("merge { A = 1, B = λ(n : Natural) → n } (< A | B : Natural >.B 2)", "Natural"));
  EXPECT_TRUE(has_type("λ(o : Optional Bool) → merge { None = 0, Some = λ(b : Bool) → 1 } o",
                       "Optional Bool → Natural"));
  EXPECT_TRUE(has_type("λ(x : <>) → merge {=} x : Bool", "<> → Bool"));
  EXPECT_TRUE(contains(type_error("merge { x = None } (< x : Type >.x Bool)").message(),
                       "depends on its argument"));
  EXPECT_TRUE(contains(type_error("merge {=} (< x >.x)").message(), "`x` has no handler"));
  EXPECT_TRUE(has_type("toMap { a = 1, b = 2 }", "List { mapKey : Text, mapValue : Natural }"));
  EXPECT_TRUE(has_type("toMap {=} : List { mapKey : Text, mapValue : Bool }",
                       "List { mapKey : Text, mapValue : Bool }"));
  EXPECT_EQ(type_error("toMap {=}").kind(), ErrorKind::type);
}

TEST(TypeCheck, WithAndCompletion) {
  EXPECT_TRUE(has_type("{ a = 5 } with b.c = 10", "{ a : Natural, b : { c : Natural } }"));
  EXPECT_TRUE(has_type("(Some { x = 1 }) with ?.x = 2", "Optional { x : Natural }"));
  EXPECT_EQ(type_error("(None Natural) with ? = True").kind(), ErrorKind::type);
  EXPECT_TRUE(has_type("let T = { Type = { a : Natural, b : Bool }, default = { a = 1 } } "
                       "in T::{ b = True }",
                       "{ a : Natural, b : Bool }"));
  auto missing = type_error("let T = { Type = { a : Natural, b : Bool }, default = { a = 1 } } "
                            "in T::{=}");
  EXPECT_TRUE(contains(missing.message(), "field `b` is missing"));
  auto misspelled =
      type_error("let T = { Type = { name : Text }, default = {=} } in T::{ nme = \"x\" }");
  EXPECT_TRUE(
      contains(misspelled.message(), "field `name` is missing; field `nme` is not expected"));
}

TEST(TypeCheck, AssertUsesJudgmentalEquality) {
  EXPECT_TRUE(has_type("assert : 1 + 1 === 2", "2 === 2"));
  EXPECT_TRUE(has_type("assert : NaN === NaN", "NaN === NaN"));
  EXPECT_TRUE(contains(type_error("assert : 1 === 2").message(), "assertion failed"));
  EXPECT_EQ(type_error("assert : -0.0 === +0.0").kind(), ErrorKind::type);
}

TEST(TypeCheck, EveryBuiltinTypeIsWellTyped) {
  for (auto index = 0; index <= static_cast<int>(Builtin::time_zone); ++index) {
    auto builtin = static_cast<Builtin>(index);
    auto universe = type_of(quote(builtin_type(builtin)));
    EXPECT_TRUE(universe->is<ConstRef>()) << builtin_name(builtin);
  }
}

TEST(TypeCheck, ImportsMustBeResolvedFirst) {
  EXPECT_TRUE(contains(type_error("./file.dhall").message(), "imports must be resolved"));
  EXPECT_TRUE(contains(type_error("1 ? 2").message(), "`?`"));
}

TEST(TypeCheck, KnownTypesAreTrustedWithoutDescending) {
  // An ill-typed expression registered as a Natural: a checker that trusted
  // nothing would reject the sum.
  auto trusted = parse_text("True + True");
  KnownTypes known;
  known.add(trusted, make_builtin(Builtin::natural));
  auto sum = make_expr(BinOp{Op::natural_plus, trusted, parse_text("1")});
  EXPECT_TRUE(is_builtin_type(*infer_type(sum, &known), Builtin::natural));
  EXPECT_EQ(type_error("True + True").kind(), ErrorKind::type);
}

TEST(TypeCheck, KnownValuesAreUsedInsteadOfEvaluatingAgain) {
  // Recorded with a value it does not evaluate to, to see which one is used.
  auto imported = parse_text("1");
  KnownTypes known;
  known.add(imported, make_builtin(Builtin::natural), make_natural(2));
  auto check = parse_text("assert : x === 2");
  auto program = make_expr(Let{Label("x"), nullptr, imported, check});
  EXPECT_NO_THROW(infer_type(program, &known));
  EXPECT_THROW(infer_type(program), Error);
}

TEST(TypeCheck, LongLetChainsDoNotDeepenTheRecursion) {
  auto body = make_expr(Var{Label("x"), 0});
  for (auto index = 0; index < 5000; ++index) {
    body = make_expr(Let{Label("x"), nullptr, make_expr(NaturalLit{1}), body});
  }
  EXPECT_TRUE(is_builtin_type(*infer_type(body), Builtin::natural));
}

TEST(TypeCheck, AbsurdNestingIsACleanError) {
  auto nested = make_expr(NaturalLit{1});
  for (auto index = 0; index < 5000; ++index) {
    nested = make_expr(Some{nested});
  }
  try {
    infer_type(nested);
    FAIL() << "accepted";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::type);
    EXPECT_TRUE(contains(error.message(), "nested too deeply"));
  }
}

TEST(TypeCheck, AbsurdlyLongWithPathsAreACleanError) {
  std::vector<WithStep> path(5000, WithStep{false, Label("a")});
  auto update = make_expr(With{parse_text("{=}"), std::move(path), parse_text("1")});
  try {
    infer_type(update);
    FAIL() << "accepted";
  } catch (const Error& error) {
    EXPECT_TRUE(contains(error.message(), "nested too deeply"));
  }
}

} // namespace
} // namespace polar::dhall
