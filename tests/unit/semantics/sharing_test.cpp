// Lazy record fields, the type checker's reuse of shared closed subtrees and
// quoting's (docs/evaluation.md, "Lazy record fields"; docs/type-checking.md).
#include <gtest/gtest.h>

#include "binary/decode.h"
#include "binary/encode.h"
#include "semantics/detail/eval_internal.h"
#include "semantics/embedded.h"
#include "semantics/eval.h"
#include "semantics/typecheck.h"
#include "syntax/parser.h"
#include "syntax/printer.h"

namespace polar::dhall {
namespace {

std::string normal(std::string_view source) {
  return print(*normalize(parse_text(source)));
}

// `expected` is written in normal form already.
void expect_normal(std::string_view source, std::string_view expected) {
  EXPECT_EQ(normal(source), print(*parse_text(expected))) << source;
}

// Evaluating an unresolved import throws, so a field holding one shows
// whether the evaluator touched it.
TEST(LazyFields, SelectingAFieldLeavesTheOthersUnevaluated) {
  expect_normal("{ a = 1, b = ./never-read.dhall }.a", "1");
  expect_normal("let r = { a = 1, b = ./never-read.dhall } in r.a + 1", "2");
  expect_normal("({ a = { x = 1, y = ./never-read.dhall } } ∧ { a = { z = 2 } }).a.x", "1");
  expect_normal("({ a = 1, b = ./never-read.dhall } ⫽ { c = 3 }).c", "3");
}

TEST(LazyFields, ReadingTheWholeRecordEvaluatesEveryField) {
  EXPECT_THROW(normalize(parse_text("{ a = 1, b = ./never-read.dhall }")), Error);
  expect_normal("{ a = 1 + 1, b = { c = [ 2 * 3 ] } }", "{ a = 2, b = { c = [ 6 ] } }");
}

TEST(LazyFields, OperatorsAndEquivalenceSeeThroughSuspendedFields) {
  expect_normal("{ a = { x = 1 + 1 } } ∧ { a = { y = 2 } }", "{ a = { x = 2, y = 2 } }");
  expect_normal("({ a = 1 + 1 } ⫽ { b = 2 + 1 }).a", "2");
  expect_normal("{ a = 1 + 1 } with b.c = 3", "{ a = 2, b = { c = 3 } }");
  expect_normal("toMap { a = 1 + 1, b = 2 }",
                "[ { mapKey = \"a\", mapValue = 2 }, { mapKey = \"b\", mapValue = 2 } ]");
  EXPECT_TRUE(
      equivalent(parse_text("{ a = 1 + 1, b = [ 2 ] }"), parse_text("{ b = [ 2 ], a = 2 }")));
  EXPECT_FALSE(equivalent(parse_text("{ a = 1 + 1 }"), parse_text("{ a = 3 }")));
}

// Record types suspend their fields too: the package's type has a thousand
// field types and a render reads a few.
// What the build cache reads back to store is bounded: past the budget
// the read-back stops, before forcing the fields it has not reached.
TEST(LazyFields, ABoundedReadBackStopsBeforeForcingTheRest) {
  ValuePtr small = eval(Env{}, parse_text("{ a = 1 + 1 }"));
  ASSERT_NE(quote_referring_to_embeddings(small, nullptr, 2), nullptr);
  EXPECT_EQ(print(*quote_referring_to_embeddings(small, nullptr, 2)), "{ a = 2 }");
  EXPECT_EQ(quote_referring_to_embeddings(small, nullptr, 1), nullptr);

  ValuePtr unreadable = eval(Env{}, parse_text("{ a = 1, b = ./never-read.dhall }"));
  EXPECT_EQ(quote_referring_to_embeddings(unreadable, nullptr, 1), nullptr);
  EXPECT_THROW(quote_referring_to_embeddings(unreadable, nullptr, 3), Error);
}

TEST(LazyFields, RecordTypeFieldsAreEvaluatedWhenRead) {
  ValuePtr type;
  ASSERT_NO_THROW(type = eval(Env{}, parse_text("{ a : Natural, b : ./never-read.dhall }")));
  EXPECT_TRUE(type->is<VRecordType>());
  EXPECT_THROW(quote(type), Error);
  // `Optional T` is evaluated at once only when T is cheap itself.
  EXPECT_NO_THROW(eval(Env{}, parse_text("{ a : Optional ./never-read.dhall }")));
  // `⩓` forces only the fields both sides have, projecting by a type only
  // reads its labels.
  EXPECT_NO_THROW(
      eval(Env{}, parse_text("{ a : Natural, b : ./never-read.dhall } ⩓ { c : Bool }")));
  EXPECT_NO_THROW(
      eval(Env{}, parse_text("{ a : { x : ./never-read.dhall } } ⩓ { a : { y : Bool } }")));
  expect_normal("{ a = 1, b = True }.({ b : ./never-read.dhall })", "{ b = True }");
  expect_normal("{ a : List Natural } ⩓ { b : Optional Bool }",
                "{ a : List Natural, b : Optional Bool }");
  EXPECT_TRUE(equivalent(parse_text("{ a : List Natural, b : Bool }"),
                         parse_text("{ b : Bool, a : List Natural }")));
  EXPECT_FALSE(equivalent(parse_text("{ a : List Natural }"), parse_text("{ a : List Bool }")));
}

// quote and conv read every field type they reach: the record types they
// evaluate are built whole, and laziness returns when they are done. Record
// literals stay lazy.
TEST(LazyFields, EagerRecordTypesBuildTypesWholeWhileAlive) {
  auto type_source = parse_text("{ a : Natural, b : ./never-read.dhall }");
  {
    detail::EagerRecordTypes eager;
    EXPECT_THROW(eval(Env{}, type_source), Error);
    EXPECT_NO_THROW(eval(Env{}, parse_text("{ a = 1, b = ./never-read.dhall }")));
  }
  EXPECT_NO_THROW(eval(Env{}, type_source));
}

// A record literal whose two fields are the same node, 64 levels deep: as a
// tree it has 2^64 leaves, as a DAG 64 nodes. The checker must visit each
// shared node once (and its result shares the same way).
// Record types decoded from equal bytes compare equal field by field
// without decoding the fields (their encodings are equal).
TEST(LazyFields, EqualDeferredFieldsCompareWithoutDecoding) {
  auto bytes = encode(*parse_text("{ a : { x : List Natural }, b : Optional { y : Text } }"));
  auto left = eval(Env{}, decode_deferring_record_types(SharedBytes(bytes)));
  auto right = eval(Env{}, decode_deferring_record_types(SharedBytes(bytes)));
  const auto& left_a = left->as<VRecordType>()->fields.at(Label("a"));
  const auto& right_a = right->as<VRecordType>()->fields.at(Label("a"));
  EXPECT_TRUE(left_a.has_same_suspension(right_a));
  EXPECT_TRUE(conv(left, right));
  EXPECT_TRUE(left_a.has_same_suspension(right_a)); // still unforced
  // Different bytes: compared by value.
  auto other = eval(Env{}, decode_deferring_record_types(SharedBytes(encode(*parse_text(
                               "{ a : { x : List Bool }, b : Optional { y : Text } }")))));
  EXPECT_FALSE(left_a.has_same_suspension(other->as<VRecordType>()->fields.at(Label("a"))));
  EXPECT_FALSE(conv(left, other));
}

TEST(ClosedTypes, SharedSubtreesAreCheckedOnce) {
  ExprPtr value = make_expr(NaturalLit{Natural(1)});
  for (int level = 0; level < 64; ++level) {
    value = make_expr(RecordLit{FieldMap{{Label("a"), value}, {Label("b"), value}}});
  }
  auto type = infer_type(value);
  const auto* record = type->as<VRecordType>();
  ASSERT_NE(record, nullptr);
  EXPECT_EQ(record->fields.at(Label("a")).force(), record->fields.at(Label("b")).force());
}

// Quoting reads a shared part of a value back once, outside binders, and
// the expression shares it the same way: the type above, 2^20 leaves as a
// tree, quotes to 20 nodes.
TEST(ClosedTypes, SharedPartsOfATypeAreQuotedOnce) {
  ExprPtr value = make_expr(NaturalLit{Natural(1)});
  for (int level = 0; level < 20; ++level) {
    value = make_expr(RecordLit{FieldMap{{Label("a"), value}, {Label("b"), value}}});
  }
  auto type = quote(infer_type(value));
  for (int level = 0; level < 20; ++level) {
    const auto* record = type->as<RecordType>();
    ASSERT_NE(record, nullptr);
    EXPECT_EQ(record->fields.at(Label("a")), record->fields.at(Label("b")));
    type = record->fields.at(Label("a"));
  }
  EXPECT_EQ(print(*type), "Natural");
}

// Under binders a shared value may quote differently at each place (its
// variables' indices depend on the names bound in between).
TEST(ClosedTypes, SharedValuesUnderBindersQuoteWhereTheyAre) {
  expect_normal("λ(t : Type) → let u = { a : t } in λ(t : Type) → { b : u, c : u, d : t }",
                "λ(t : Type) → λ(t : Type) → { b : { a : t@1 }, c : { a : t@1 }, d : t }");
  expect_normal("let u = { a : Bool } in { b : u, c : ∀(u : Type) → { d : u, e : Bool } }",
                "{ b : { a : Bool }, c : ∀(u : Type) → { d : u, e : Bool } }");
}

// A shared value in which no variable refers outside it quotes to the same
// expression anywhere, binders or not: it is read back once.
TEST(ClosedTypes, ClosedSharedValuesUnderBindersAreQuotedOnce) {
  ExprPtr normal = normalize(parse_text(
      "let u = { a : Bool, f : ∀(x : Type) → x } in λ(t : Type) → { b : u, c : u, d : t }"));
  const auto* lambda = normal->as<Lambda>();
  ASSERT_NE(lambda, nullptr);
  const auto& fields = lambda->body->as<RecordType>()->fields;
  EXPECT_EQ(fields.at(Label("b")), fields.at(Label("c")));
  EXPECT_EQ(print(*normal), "λ(t : Type) →\n"
                            "  { b : { a : Bool, f : ∀(x : Type) → x }\n"
                            "  , c : { a : Bool, f : ∀(x : Type) → x }\n"
                            "  , d : t\n"
                            "  }");
}

// A value that refers outside itself, remembered where it was first read
// back, still makes what holds it open: `w` holds the free `c`, met first in
// `a`, and under `λ(c : Bool)` it must read `c@1`.
TEST(ClosedTypes, AValueHoldingARememberedOpenValueIsOpen) {
  expect_normal("let v = [ c ] in let w = { x = v } in { a = v, b = w, d = λ(c : Bool) → w }",
                "{ a = [ c ], b = { x = [ c ] }, d = λ(c : Bool) → { x = [ c@1 ] } }");
}

// Known nodes added without their value are evaluated on the first request,
// once: the types of every importer then share that value.
TEST(ClosedTypes, KnownNodesAreEvaluatedOnce) {
  KnownTypes known;
  ExprPtr natural = parse_text("{ x : Natural }");
  known.add(natural, infer_type(natural));
  ValuePtr first = known.find_value(*natural);
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(known.find_value(*natural), first);
  EXPECT_EQ(known.find_value(*parse_text("{ x : Natural }")), nullptr);
}

// A record or union type literal without variables has one value, made
// when its node is first evaluated: a type a decoded normal form spells out
// in each of a thousand records is one value, as it was in the import.
TEST(ClosedTypes, AClosedTypeLiteralIsEvaluatedOncePerNode) {
  auto items = [](const ExprPtr& expr) {
    ValuePtr list = eval(Env{}, expr);
    const auto& values = list->as<VList>()->items;
    return std::pair{values[0], values[1]};
  };
  auto decoded = [](std::string_view source) { return decode(encode(*parse_text(source))); };
  std::string_view closed =
      "let f = λ(t : Type) → { a : Bool, b : < X | Y : List Text > } in [ f Natural, f Text ]";
  auto [bool_first, bool_second] = items(decoded(closed));
  EXPECT_EQ(bool_first, bool_second);
  // Parsed syntax is not looked up: it binds its types with `let`.
  auto [parsed_first, parsed_second] = items(parse_text(closed));
  EXPECT_NE(parsed_first, parsed_second);
  // With a variable, it depends on the environment.
  std::string_view open = "let f = λ(t : Type) → { a : t } in [ f Natural, f Text ]";
  auto [natural, text] = items(decoded(open));
  EXPECT_NE(natural, text);
  EXPECT_EQ(print(*quote(natural)), "{ a : Natural }");
  EXPECT_EQ(print(*quote(text)), "{ a : Text }");
}

// A normal form inlines its lets; decoded, the copies are one node, and in
// one environment one suspension: `n + 1` below is evaluated once for both
// records. Parsed syntax keeps one suspension per occurrence.
TEST(InlinedLets, ADecodedSharedNodeIsEvaluatedOncePerEnvironment) {
  auto fields_a = [](const ExprPtr& function) {
    ValuePtr list = dhall::apply(eval(Env{}, function), eval(Env{}, parse_text("1")));
    const auto& items = list->as<VList>()->items;
    return std::pair{items[0]->as<VRecordLit>()->fields.at(Label("a")).force(),
                     items[1]->as<VRecordLit>()->fields.at(Label("a")).force()};
  };
  std::string_view source = "λ(n : Natural) → [ { a = n + 1 }, { a = n + 1 } ]";
  auto [decoded_first, decoded_second] = fields_a(decode(encode(*parse_text(source))));
  EXPECT_EQ(decoded_first, decoded_second);
  EXPECT_EQ(print(*quote(decoded_first)), "2");
  auto [parsed_first, parsed_second] = fields_a(parse_text(source));
  EXPECT_NE(parsed_first, parsed_second);
  // Another environment, another evaluation.
  ExprPtr decoded = decode(encode(*parse_text(source)));
  EXPECT_NE(fields_a(decoded).first, fields_a(decoded).first);
}

TEST(ClosedTypes, ErrorsInSharedSubtreesAreStillReported) {
  ExprPtr bad = parse_text("{ x = 1 + True }");
  auto record = make_expr(RecordLit{FieldMap{{Label("a"), bad}, {Label("b"), bad}}});
  EXPECT_THROW(infer_type(record), Error);
}

} // namespace
} // namespace polar::dhall
