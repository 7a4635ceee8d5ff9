// Evaluation, read-back, equivalence and α-normalization on hand-built
// expressions (the conformance suite covers the standard's test files).
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "binary/encode.h"
#include "semantics/eval.h"

namespace polar::dhall {
namespace {

// Expression builders --------------------------------------------------------

ExprPtr var(std::string_view name, std::uint64_t index = 0) {
  return make_expr(Var{Label(name), Natural(index)});
}
ExprPtr lam(std::string_view param, ExprPtr type, ExprPtr body) {
  return make_expr(Lambda{Label(param), std::move(type), std::move(body)});
}
ExprPtr pi(std::string_view param, ExprPtr domain, ExprPtr codomain) {
  return make_expr(Pi{Label(param), std::move(domain), std::move(codomain)});
}
ExprPtr app(ExprPtr fn, std::initializer_list<ExprPtr> args) {
  for (const auto& arg : args) {
    fn = make_expr(App{std::move(fn), arg});
  }
  return fn;
}
ExprPtr builtin(Builtin which) {
  return make_expr(BuiltinRef{which});
}
ExprPtr type() {
  return make_expr(ConstRef{Const::type});
}
ExprPtr boolean(bool value) {
  return make_expr(BoolLit{value});
}
ExprPtr nat(std::uint64_t value) {
  return make_expr(NaturalLit{Natural(value)});
}
ExprPtr dbl(double value) {
  return make_expr(DoubleLit{value});
}
ExprPtr text(std::string value) {
  return make_expr(TextLit{{}, std::move(value)});
}
ExprPtr op(Op which, ExprPtr lhs, ExprPtr rhs) {
  return make_expr(BinOp{which, std::move(lhs), std::move(rhs)});
}
ExprPtr list(std::vector<ExprPtr> items) {
  return make_expr(ListLit{nullptr, std::move(items)});
}
ExprPtr empty_list(ExprPtr element) {
  return make_expr(ListLit{app(builtin(Builtin::list), {std::move(element)}), {}});
}
ExprPtr record(std::initializer_list<std::pair<std::string_view, ExprPtr>> fields) {
  FieldMap map;
  for (const auto& [name, value] : fields) {
    map.emplace(Label(name), value);
  }
  return make_expr(RecordLit{std::move(map)});
}
ExprPtr field(ExprPtr record, std::string_view name) {
  return make_expr(Field{std::move(record), Label(name)});
}

// Assertions -----------------------------------------------------------------

// Structural equality through the canonical binary encoding.
void expect_same(const ExprPtr& actual, const ExprPtr& expected) {
  EXPECT_EQ(encode(*actual), encode(*expected));
}

void expect_normalizes_to(const ExprPtr& input, const ExprPtr& expected) {
  expect_same(normalize(input), expected);
}

std::string shown_double(double value) {
  auto result = normalize(app(builtin(Builtin::double_show), {dbl(value)}));
  const auto* literal = result->as<TextLit>();
  EXPECT_NE(literal, nullptr);
  return literal != nullptr ? literal->tail : "";
}

// Tests ------------------------------------------------------------------------

TEST(Eval, BetaReducesApplications) {
  // (λ(x : Bool) → x == False) True ⇥ False
  auto fn = lam("x", builtin(Builtin::bool_), op(Op::bool_eq, var("x"), boolean(false)));
  expect_normalizes_to(app(fn, {boolean(true)}), boolean(false));
}

TEST(Eval, NormalizesUnderLambda) {
  // λ(x : Integer) → List/length Integer [x, x, x] ⇥ λ(x : Integer) → 3
  auto integer = builtin(Builtin::integer);
  auto body = app(builtin(Builtin::list_length), {integer, list({var("x"), var("x"), var("x")})});
  expect_normalizes_to(lam("x", integer, body), lam("x", integer, nat(3)));
}

TEST(Eval, FreeVariablesAreNeutral) {
  expect_normalizes_to(var("x", 2), var("x", 2));
  // A free variable under a binder of the same name keeps its shifted index.
  expect_normalizes_to(lam("x", type(), var("x", 1)), lam("x", type(), var("x", 1)));
  expect_normalizes_to(op(Op::natural_plus, var("n"), nat(0)), var("n"));
}

TEST(Eval, SubstitutionAvoidsCapture) {
  // (λ(x : Type) → λ(y : Type) → x) y ⇥ λ(y : Type) → y@1
  auto fn = lam("x", type(), lam("y", type(), var("x")));
  expect_normalizes_to(app(fn, {var("y")}), lam("y", type(), var("y", 1)));
}

TEST(Eval, LetIsEvaluatedInTheEnvironment) {
  // let x = 1 let y = x + 1 in λ(x : Natural) → x + y ⇥ λ(x : Natural) → x + 2
  auto natural = builtin(Builtin::natural);
  auto body = lam("x", natural, op(Op::natural_plus, var("x"), var("y")));
  auto expr = make_expr(
      Let{Label("x"), nullptr, nat(1),
          make_expr(Let{Label("y"), nullptr, op(Op::natural_plus, var("x"), nat(1)), body})});
  expect_normalizes_to(expr, lam("x", natural, op(Op::natural_plus, var("x"), nat(2))));
}

TEST(Eval, NaturalFoldUnrollsWithNeutralFunction) {
  auto natural = builtin(Builtin::natural);
  auto fold = app(builtin(Builtin::natural_fold), {nat(2), natural, var("g"), var("z")});
  expect_normalizes_to(fold, app(var("g"), {app(var("g"), {var("z")})}));
  auto stuck = app(builtin(Builtin::natural_fold), {var("n"), natural, var("g"), var("z")});
  expect_normalizes_to(stuck, stuck);
}

TEST(Eval, NaturalBuildAppliesTheGenerator) {
  auto natural = builtin(Builtin::natural);
  auto successor = lam("x", natural, op(Op::natural_plus, var("x"), nat(1)));
  expect_normalizes_to(app(builtin(Builtin::natural_build), {var("g")}),
                       app(var("g"), {natural, successor, nat(0)}));
  // Natural/build (λ(N : Type) → λ(s : N → N) → λ(z : N) → s (s z)) ⇥ 2
  auto two = lam("N", type(),
                 lam("s", pi("_", var("N"), var("N")),
                     lam("z", var("N"), app(var("s"), {app(var("s"), {var("z")})}))));
  expect_normalizes_to(app(builtin(Builtin::natural_build), {two}), nat(2));
}

TEST(Eval, ListBuildAppliesTheGenerator) {
  auto a = var("A");
  auto list_a = app(builtin(Builtin::list), {a});
  // λ(a : A) → λ(as : List A) → [ a ] # as, where the A under `a` is A@0
  // (the parameter `a` does not capture `A`).
  auto cons = lam("a", a, lam("as", list_a, op(Op::list_append, list({var("a", 0)}), var("as"))));
  expect_normalizes_to(app(builtin(Builtin::list_build), {a, var("g")}),
                       app(var("g"), {list_a, cons, empty_list(a)}));
}

TEST(Eval, ListBuiltins) {
  auto natural = builtin(Builtin::natural);
  auto items = list({nat(1), nat(2), nat(3)});
  expect_normalizes_to(app(builtin(Builtin::list_reverse), {natural, items}),
                       list({nat(3), nat(2), nat(1)}));
  expect_normalizes_to(app(builtin(Builtin::list_head), {natural, empty_list(natural)}),
                       app(builtin(Builtin::none), {natural}));
  expect_normalizes_to(app(builtin(Builtin::list_last), {natural, items}), make_expr(Some{nat(3)}));
  // List/fold Natural [1, 2, 3] Natural (λ(x) → λ(acc) → x + acc) 0 ⇥ 6
  auto add = lam("x", natural, lam("acc", natural, op(Op::natural_plus, var("x"), var("acc"))));
  expect_normalizes_to(app(builtin(Builtin::list_fold), {natural, items, natural, add, nat(0)}),
                       nat(6));
  expect_normalizes_to(op(Op::list_append, empty_list(natural), var("xs")), var("xs"));
}

TEST(Eval, DoubleShowMatchesTheStandard) {
  EXPECT_EQ(shown_double(1.0), "1.0");
  EXPECT_EQ(shown_double(1.2), "1.2");
  EXPECT_EQ(shown_double(-0.42), "-0.42");
  EXPECT_EQ(shown_double(13.37), "13.37");
  EXPECT_EQ(shown_double(1e20), "1.0e20");
  EXPECT_EQ(shown_double(1.5e-3), "1.5e-3");
  EXPECT_EQ(shown_double(0.1), "0.1");
  EXPECT_EQ(shown_double(1234567.0), "1234567.0");
  EXPECT_EQ(shown_double(12345678.0), "1.2345678e7");
  EXPECT_EQ(shown_double(-0.0), "-0.0");
  EXPECT_EQ(shown_double(std::numeric_limits<double>::quiet_NaN()), "NaN");
  EXPECT_EQ(shown_double(-std::numeric_limits<double>::infinity()), "-Infinity");
}

TEST(Eval, TextShowEscapes) {
  auto shown = normalize(app(builtin(Builtin::text_show), {text("a\"$\\\n\x07ツ")}));
  ASSERT_NE(shown->as<TextLit>(), nullptr);
  EXPECT_EQ(shown->as<TextLit>()->tail, R"("a\"\u0024\\\n\u0007ツ")");
}

TEST(Eval, TextReplaceWithNeutralReplacement) {
  // Text/replace "b" r "abc" ⇥ "a${r}c"
  auto replaced = app(builtin(Builtin::text_replace), {text("b"), var("r"), text("abc")});
  expect_normalizes_to(replaced, make_expr(TextLit{{{"a", var("r")}}, "c"}));
  // Text/replace "b" r "b" ⇥ r
  expect_normalizes_to(app(builtin(Builtin::text_replace), {text("b"), var("r"), text("b")}),
                       var("r"));
  // An empty needle leaves even a neutral haystack alone.
  expect_normalizes_to(app(builtin(Builtin::text_replace), {text(""), var("r"), var("h")}),
                       var("h"));
}

TEST(Eval, TextInterpolationFlattens) {
  // "a${"b${x}c"}d" ⇥ "ab${x}cd" and "${x}" ⇥ x
  auto inner = make_expr(TextLit{{{"b", var("x")}}, "c"});
  expect_normalizes_to(make_expr(TextLit{{{"a", inner}}, "d"}),
                       make_expr(TextLit{{{"ab", var("x")}}, "cd"}));
  expect_normalizes_to(make_expr(TextLit{{{"", var("x")}}, ""}), var("x"));
  expect_normalizes_to(op(Op::text_append, text(""), var("x")), var("x"));
}

TEST(Eval, RecordOperators) {
  auto left = record({{"a", nat(1)}, {"b", nat(2)}});
  auto right = record({{"b", nat(3)}});
  expect_normalizes_to(op(Op::prefer, left, right), record({{"a", nat(1)}, {"b", nat(3)}}));
  expect_normalizes_to(op(Op::prefer, var("r"), record({})), var("r"));
  expect_normalizes_to(op(Op::prefer, var("r"), var("r")), var("r"));
  // ({ a = 1 } ⫽ r).a ⇥ ({ a = 1 } ⫽ r).a; (r ⫽ { b = 3 }).b ⇥ 3
  auto selected = field(op(Op::prefer, record({{"a", nat(1)}}), var("r")), "a");
  expect_normalizes_to(selected, selected);
  expect_normalizes_to(field(op(Op::prefer, var("r"), right), "b"), nat(3));
  expect_normalizes_to(op(Op::combine, record({{"x", record({{"a", nat(1)}})}}),
                          record({{"x", record({{"b", nat(2)}})}})),
                       record({{"x", record({{"a", nat(1)}, {"b", nat(2)}})}}));
}

TEST(Eval, WithDescendsIntoOptionals) {
  auto path = std::vector<WithStep>{{true, Label()}, {false, Label("a")}};
  auto some = make_expr(Some{record({{"a", nat(1)}})});
  expect_normalizes_to(make_expr(With{some, path, nat(2)}),
                       make_expr(Some{record({{"a", nat(2)}})}));
  auto none = app(builtin(Builtin::none), {builtin(Builtin::natural)});
  expect_normalizes_to(make_expr(With{none, path, nat(2)}), none);
}

TEST(Eval, BoolSimplifications) {
  expect_normalizes_to(op(Op::bool_eq, var("x"), var("x")), boolean(true));
  expect_normalizes_to(op(Op::bool_or, var("x"), boolean(false)), var("x"));
  auto branches = make_expr(If{var("b"), boolean(true), boolean(false)});
  expect_normalizes_to(branches, var("b"));
}

TEST(Equivalence, ComparesUpToAlphaAndDoubleBits) {
  EXPECT_TRUE(equivalent(lam("x", type(), var("x")), lam("y", type(), var("y"))));
  EXPECT_FALSE(equivalent(lam("x", type(), var("x")), lam("y", type(), var("x"))));
  auto nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_TRUE(equivalent(dbl(nan), dbl(-nan)));
  EXPECT_FALSE(equivalent(dbl(0.0), dbl(-0.0)));
}

TEST(AlphaNormalization, RenamesBoundVariables) {
  // λ(a : Type) → λ(b : Type) → λ(x : a) → λ(y : b) → x
  //   ↦ λ(_ : Type) → λ(_ : Type) → λ(_ : _@1) → λ(_ : _@1) → _@1
  auto input = lam("a", type(), lam("b", type(), lam("x", var("a"), lam("y", var("b"), var("x")))));
  auto expected =
      lam("_", type(), lam("_", type(), lam("_", var("_", 1), lam("_", var("_", 1), var("_", 1)))));
  expect_same(alpha_normalize(input), expected);
  // Free variables keep their name; a free `_` skips the renamed binders.
  expect_same(alpha_normalize(lam("x", type(), var("y"))), lam("_", type(), var("y")));
  expect_same(alpha_normalize(lam("x", type(), var("_"))), lam("_", type(), var("_", 1)));
  expect_same(alpha_normalize(lam("x", type(), var("x", 1))), lam("_", type(), var("x")));
}

// Builds `Some (Some (… x))` `depth` deep and destroys it iteratively, so the
// test itself does not overflow the stack.
class DeepTerm {
public:
  explicit DeepTerm(std::size_t depth) {
    nodes_.push_back(var("x"));
    for (std::size_t i = 0; i < depth; ++i) {
      nodes_.push_back(make_expr(Some{nodes_.back()}));
    }
  }
  ~DeepTerm() {
    while (!nodes_.empty()) {
      nodes_.pop_back();
    }
  }
  const ExprPtr& root() const { return nodes_.back(); }

private:
  std::vector<ExprPtr> nodes_;
};

TEST(Eval, DeepNestingIsBounded) {
  DeepTerm shallow(1000);
  EXPECT_NO_THROW(normalize(shallow.root()));
  DeepTerm hostile(100000);
  EXPECT_THROW(normalize(hostile.root()), Error);
}

TEST(Eval, LongNeutralChainsAreQuotedAndReleasedIteratively) {
  // Natural/fold 20000 Natural (λ(x : Natural) → x + 1) n is `n + 1 + … + 1`,
  // a flat chain (syntax/spine.h): read back in a loop, and built and
  // dropped without recursion.
  auto natural = builtin(Builtin::natural);
  auto successor = lam("x", natural, op(Op::natural_plus, var("x"), nat(1)));
  auto fold = app(builtin(Builtin::natural_fold), {nat(20000), natural, successor, var("n")});
  auto normal = normalize(fold);
  int links = 0;
  const Expr* link = normal.get();
  while (const auto* sum = link->as<BinOp>()) {
    ++links;
    link = sum->lhs.get();
  }
  EXPECT_EQ(links, 20000);
  EXPECT_TRUE(link->is<Var>());
  EXPECT_TRUE(equivalent(normal, fold));
  auto value = eval(Env{}, fold);
  EXPECT_TRUE(value->is<VOp>());
}

} // namespace
} // namespace polar::dhall
