// Lazy decoding: a top-level record's fields are decoded when first read,
// decode to what the eager decoder gives, and report malformed bytes then.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <span>
#include <vector>

#include "binary/decode.h"
#include "binary/encode.h"
#include "binary/lazy_decode.h"

namespace polar::dhall {
namespace {

using Bytes = std::vector<std::uint8_t>;

SharedBytes shared(Bytes bytes) {
  return SharedBytes(std::move(bytes));
}

ExprPtr natural_list() {
  return make_expr(
      App{make_expr(BuiltinRef{Builtin::list}), make_expr(BuiltinRef{Builtin::natural})});
}

Bytes package_bytes() {
  FieldMap fields;
  fields.emplace(Label("a"), make_expr(NaturalLit{Natural(1)}));
  fields.emplace(Label("b"), make_expr(ListLit{natural_list(), {}}));
  fields.emplace(Label("c"), make_expr(Some{make_expr(BoolLit{true})}));
  return encode(*make_expr(RecordLit{std::move(fields)}));
}

TEST(LazyDecode, RecordFieldsWaitUntilRead) {
  auto record = decode_lazily(shared(package_bytes()));
  ASSERT_FALSE(record->is_deferred());
  const auto* literal = record->as<RecordLit>();
  ASSERT_NE(literal, nullptr);
  ASSERT_EQ(literal->fields.size(), 3U);
  const ExprPtr& b = literal->fields.at(Label("b"));
  EXPECT_TRUE(b->is_deferred());
  const auto* list = b->as<ListLit>(); // reading decodes it
  ASSERT_NE(list, nullptr);
  EXPECT_TRUE(list->items.empty());
  EXPECT_TRUE(literal->fields.at(Label("a"))->is_deferred()); // still unread
}

TEST(LazyDecode, EncodesBackToTheSameBytes) {
  Bytes bytes = package_bytes();
  EXPECT_EQ(encode(*decode_lazily(shared(bytes))), bytes);
  FieldMap types;
  types.emplace(Label("x"), natural_list());
  Bytes record_type = encode(*make_expr(RecordType{std::move(types)}));
  auto lazy = decode_lazily(shared(record_type));
  ASSERT_TRUE(lazy->is<RecordType>());
  EXPECT_TRUE(lazy->as<RecordType>()->fields.at(Label("x"))->is_deferred());
  EXPECT_EQ(encode(*lazy), record_type);
}

TEST(LazyDecode, AnythingButARecordDecodesAtOnce) {
  Bytes bytes = encode(*natural_list());
  auto expr = decode_lazily(shared(bytes));
  EXPECT_FALSE(expr->is_deferred());
  ASSERT_TRUE(expr->is<App>());
  EXPECT_FALSE(expr->as<App>()->fn->is_deferred());
}

TEST(LazyDecode, AMalformedFieldFailsWhenRead) {
  Bytes bytes = package_bytes();
  // Field c is `Some True`, [5, null, true]: label 12 instead of 5 is an
  // obsolete expression (union literals), which decoding rejects.
  Bytes some_true = {0x83, 0x05, 0xf6, 0xf5};
  auto at = std::search(bytes.begin(), bytes.end(), some_true.begin(), some_true.end());
  ASSERT_NE(at, bytes.end());
  *(at + 1) = 0x0c;
  auto record = decode_lazily(shared(bytes));
  EXPECT_NO_THROW((void)record->as<RecordLit>()->fields.at(Label("b"))->node());
  const ExprPtr& c = record->as<RecordLit>()->fields.at(Label("c"));
  try {
    (void)c->node();
    FAIL() << "a malformed field decoded";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::decode);
  }
  EXPECT_THROW((void)c->node(), Error); // and again on the next read
}

TEST(LazyDecode, FieldsInAnyOrderDuplicatesAtOnce) {
  // [8, {"b": [15, 1], "a": [15, 2]}]: not canonical, but it decodes.
  Bytes unordered = {0x82, 0x08, 0xa2, 0x61, 'b', 0x82, 0x0f, 0x01, 0x61, 'a', 0x82, 0x0f, 0x02};
  EXPECT_EQ(encode(*decode_lazily(shared(unordered))), encode(*decode(unordered)));
  // [8, {"a": [15, 1], "a": [15, 2]}]
  Bytes repeated = {0x82, 0x08, 0xa2, 0x61, 'a', 0x82, 0x0f, 0x01, 0x61, 'a', 0x82, 0x0f, 0x02};
  EXPECT_THROW(decode_lazily(shared(repeated)), Error);
}

TEST(RecordLayout, GivesEveryFieldsExtentInOrder) {
  Bytes bytes = package_bytes();
  auto layout = record_layout(bytes);
  ASSERT_TRUE(layout);
  EXPECT_FALSE(layout->is_type);
  ASSERT_EQ(layout->fields.size(), 3U);
  auto decoded = decode(bytes);
  const auto& fields = decoded->as<RecordLit>()->fields;
  for (const auto& field : layout->fields) {
    auto item = std::span(bytes).subspan(field.offset, field.size);
    EXPECT_EQ(Bytes(item.begin(), item.end()), encode(*fields.at(field.name))) << field.name.str();
  }
  EXPECT_EQ(layout->fields.front().name, Label("a"));
  // Anything but a record of distinct fields has none.
  EXPECT_FALSE(record_layout(encode(*natural_list())));
  Bytes repeated = {0x82, 0x08, 0xa2, 0x61, 'a', 0x82, 0x0f, 0x01, 0x61, 'a', 0x82, 0x0f, 0x02};
  EXPECT_FALSE(record_layout(repeated));
  EXPECT_FALSE(record_layout(Bytes{0x82, 0x08, 0xa2}));
}

TEST(RecordLayout, DecodingWithALayoutSkipsTheWalk) {
  Bytes bytes = package_bytes();
  auto layout = record_layout(bytes);
  ASSERT_TRUE(layout);
  auto lazy = decode_lazily(shared(bytes), *layout);
  EXPECT_TRUE(lazy->as<RecordLit>()->fields.at(Label("b"))->is_deferred());
  EXPECT_EQ(encode(*lazy), bytes);
  // A layout that does not fit the bytes is an error, not a wild read.
  auto beyond = *layout;
  beyond.fields.back().size = bytes.size();
  EXPECT_THROW(decode_lazily(shared(bytes), beyond), Error);
  auto repeated = *layout;
  repeated.fields.push_back(repeated.fields.front());
  EXPECT_THROW(decode_lazily(shared(bytes), repeated), Error);
}

// { a : { x : List Natural }, b : { x : List Natural }, c : Natural }
ExprPtr nested_record_type() {
  FieldMap inner;
  inner.emplace(Label("x"), natural_list());
  auto inner_type = make_expr(RecordType{std::move(inner)});
  FieldMap outer;
  outer.emplace(Label("a"), inner_type);
  outer.emplace(Label("b"), inner_type);
  outer.emplace(Label("c"), make_expr(BuiltinRef{Builtin::natural}));
  return make_expr(RecordType{std::move(outer)});
}

TEST(DeferringDecode, RecordTypesFieldsWaitAndShare) {
  Bytes bytes = encode(*nested_record_type());
  auto type = decode_deferring_record_types(shared(bytes));
  const auto& fields = type->as<RecordType>()->fields;
  const ExprPtr& a = fields.at(Label("a"));
  EXPECT_TRUE(a->is_deferred());
  EXPECT_EQ(a, fields.at(Label("b")));                // equal bytes, one node
  EXPECT_FALSE(fields.at(Label("c"))->is_deferred()); // atoms decode at once
  ASSERT_NE(a->deferred(), nullptr);
  EXPECT_FALSE(a->deferred()->is_produced());
  auto item = encode(*a);
  EXPECT_TRUE(std::ranges::equal(a->deferred()->encoding(), item));
  // Reading it decodes it, with its own record types' fields deferred too.
  EXPECT_TRUE(a->as<RecordType>()->fields.at(Label("x"))->is_deferred());
  EXPECT_TRUE(a->deferred()->is_produced());
  EXPECT_EQ(encode(*type), bytes);
}

TEST(DeferringDecode, AMalformedNestedFieldFailsWhenRead) {
  Bytes bytes = encode(*nested_record_type());
  // `List Natural` is [0, "List", "Natural"]; label 12 is an obsolete
  // expression (union literals), which decoding rejects.
  Bytes app = {0x83, 0x00, 0x64, 'L', 'i', 's', 't'};
  auto at = std::search(bytes.begin(), bytes.end(), app.begin(), app.end());
  ASSERT_NE(at, bytes.end());
  *(at + 1) = 0x0c;
  auto type = decode_deferring_record_types(shared(bytes));
  const ExprPtr& a = type->as<RecordType>()->fields.at(Label("a"));
  const RecordType* inner = nullptr;
  ASSERT_NO_THROW(inner = a->as<RecordType>());
  ASSERT_NE(inner, nullptr);
  try {
    (void)inner->fields.at(Label("x"))->node();
    FAIL() << "a malformed field decoded";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::decode);
  }
}

// The bytes a decoded value defers to live exactly as long as the value:
// unread fields, read ones and ones that failed to decode all let them go
// when it is dropped (a deferred field's decoder once held the table of
// shared items, which held the field: a cycle that kept the mapped file).
TEST(DeferringDecode, DroppingTheValueReleasesItsBytes) {
  Bytes nested = encode(*nested_record_type());
  Bytes malformed = nested;
  Bytes app = {0x83, 0x00, 0x64, 'L', 'i', 's', 't'};
  auto at = std::search(malformed.begin(), malformed.end(), app.begin(), app.end());
  ASSERT_NE(at, malformed.end());
  *(at + 1) = 0x0c; // an obsolete label, as above
  enum class Reading { nothing, the_nested_field, a_malformed_field };
  for (auto reading : {Reading::nothing, Reading::the_nested_field, Reading::a_malformed_field}) {
    SharedBytes bytes = shared(reading == Reading::a_malformed_field ? malformed : nested);
    std::weak_ptr<const void> owner = bytes.owner();
    {
      auto type = decode_deferring_record_types(bytes);
      bytes = SharedBytes();
      const ExprPtr& a = type->as<RecordType>()->fields.at(Label("a"));
      if (reading != Reading::nothing) {
        const ExprPtr& x = a->as<RecordType>()->fields.at(Label("x"));
        if (reading == Reading::a_malformed_field) {
          EXPECT_THROW((void)x->node(), Error);
        }
      }
      EXPECT_FALSE(owner.expired());
    }
    EXPECT_TRUE(owner.expired()) << static_cast<int>(reading);
  }
}

// Nested decodes share what they decode while it lives: two fields that
// hold the same record type, read one after the other, give one node.
TEST(DeferringDecode, NestedDecodesShareItemsAcrossFields) {
  FieldMap inner;
  inner.emplace(Label("x"), natural_list());
  ExprPtr inner_type = make_expr(RecordType{std::move(inner)});
  FieldMap first;
  first.emplace(Label("p"), inner_type);
  first.emplace(Label("q"), make_expr(BuiltinRef{Builtin::bool_}));
  FieldMap second;
  second.emplace(Label("p"), inner_type);
  second.emplace(Label("r"), make_expr(BuiltinRef{Builtin::bool_}));
  FieldMap outer;
  outer.emplace(Label("a"), make_expr(RecordType{std::move(first)}));
  outer.emplace(Label("b"), make_expr(RecordType{std::move(second)}));
  auto type =
      decode_deferring_record_types(shared(encode(*make_expr(RecordType{std::move(outer)}))));
  const auto& fields = type->as<RecordType>()->fields;
  const auto& a = fields.at(Label("a"))->as<RecordType>()->fields;
  const auto& b = fields.at(Label("b"))->as<RecordType>()->fields;
  EXPECT_EQ(a.at(Label("p")), b.at(Label("p")));
}

// Deferred fields count their nesting from the top of the entry, as if the
// whole entry were decoded at once (this one fails at once: too deep to
// index, it decodes eagerly).
TEST(DeferringDecode, NestingCountsFromTheTop) {
  ExprPtr type = make_expr(BuiltinRef{Builtin::natural});
  for (std::size_t level = 0; level < max_decode_depth + 10; ++level) {
    FieldMap fields;
    fields.emplace(Label("a"), type);
    type = make_expr(RecordType{std::move(fields)});
  }
  auto bytes = encode(*type);
  EXPECT_THROW(
      {
        auto decoded = decode_deferring_record_types(shared(bytes));
        const Expr* at = decoded.get();
        while (const auto* record = at->as<RecordType>()) {
          at = record->fields.at(Label("a")).get();
        }
      },
      Error);
}

} // namespace
} // namespace polar::dhall
