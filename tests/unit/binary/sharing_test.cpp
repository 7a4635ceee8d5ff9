// The decoder shares identical subtrees (hash-consing) and still enforces
// its depth limit through shared subtrees; the encoder encodes shared
// subtrees once; CBOR item extents.
#include <gtest/gtest.h>

#include <span>
#include <vector>

#include "binary/cbor.h"
#include "binary/decode.h"
#include "binary/encode.h"

namespace polar::dhall {
namespace {

ExprPtr record_type(std::initializer_list<std::pair<const char*, ExprPtr>> fields) {
  FieldMap map;
  for (const auto& [name, type] : fields) {
    map.emplace(Label(name), type);
  }
  return make_expr(RecordType{std::move(map)});
}

ExprPtr some_nested(ExprPtr inner, int levels) {
  for (int level = 0; level < levels; ++level) {
    inner = make_expr(Some{std::move(inner)});
  }
  return inner;
}

TEST(DecodeSharing, IdenticalSubtreesDecodeToOneNode) {
  auto natural = make_expr(BuiltinRef{Builtin::natural});
  auto inner = record_type({{"x", natural}, {"y", make_expr(BuiltinRef{Builtin::text})}});
  // Two separately built but identical subtrees.
  auto copy = record_type({{"x", natural}, {"y", make_expr(BuiltinRef{Builtin::text})}});
  auto outer = record_type({{"a", inner}, {"b", copy}});

  auto decoded = decode(encode(*outer));
  const auto& fields = decoded->as<RecordType>()->fields;
  EXPECT_EQ(fields.at(Label("a")).get(), fields.at(Label("b")).get());
  EXPECT_EQ(encode(*decoded), encode(*outer));
}

TEST(DecodeSharing, DistinctSubtreesStayDistinct) {
  auto outer = record_type({{"a", make_expr(BuiltinRef{Builtin::natural})},
                            {"b", make_expr(BuiltinRef{Builtin::text})}});
  auto decoded = decode(encode(*outer));
  const auto& fields = decoded->as<RecordType>()->fields;
  EXPECT_NE(fields.at(Label("a")).get(), fields.at(Label("b")).get());
}

// A subtree first met near the top and met again deep down counts with its
// full height at the second place: sharing must not bypass the limit.
TEST(DecodeSharing, SharedSubtreeCountsAgainstTheDepthLimit) {
  auto tall = some_nested(make_expr(NaturalLit{Natural(1)}), 600);
  auto shallow = record_type({{"a", tall}, {"b", some_nested(tall, 500)}});
  try {
    decode(encode(*shallow));
    ADD_FAILURE() << "decoded a tree deeper than max_decode_depth";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::decode);
    EXPECT_NE(error.message().find("nested more than"), std::string::npos) << error.message();
  }
  // The same shape within the limit decodes.
  auto fits = record_type({{"a", tall}, {"b", some_nested(tall, 300)}});
  EXPECT_EQ(encode(*decode(encode(*fits))), encode(*fits));
}

// Two fields, an application spine and a let body holding the level below:
// shared, the tree has `levels` distinct nodes per layer; unshared, 4^levels
// leaves.
ExprPtr layered(int levels, bool share) {
  if (levels == 0) {
    return make_expr(
        App{make_expr(BuiltinRef{Builtin::natural_show}), make_expr(NaturalLit{Natural(7)})});
  }
  auto next = [&] { return layered(levels - 1, share); };
  ExprPtr below = next();
  auto again = [&] { return share ? below : next(); };
  ExprPtr spine = make_expr(App{make_expr(App{again(), again()}), make_expr(Some{again()})});
  ExprPtr let = make_expr(Let{Label("x"), nullptr, spine, make_expr(Var{Label("x"), Natural(0)})});
  return make_expr(RecordLit{FieldMap{{Label("a"), below}, {Label("b"), let}}});
}

// The encoder copies the bytes of a shared node it met before; they must be
// exactly those of encoding it again.
TEST(EncodeSharing, SharedSubtreesEncodeLikeSeparateCopies) {
  auto shared = layered(6, true);
  auto copies = layered(6, false);
  auto bytes = encode(*shared);
  EXPECT_EQ(bytes, encode(*copies));
  EXPECT_EQ(encode(*decode(bytes)), bytes);
  // With a known-encoding callback that knows nothing, the same bytes.
  EXPECT_EQ(encode(*shared, [](const Expr&) { return std::span<const std::uint8_t>{}; }), bytes);
}

TEST(CborItems, NextItemSpansNestedItemsWithoutConsuming) {
  // [1, {"a": "xy"}, 2] followed by 7
  std::vector<std::uint8_t> bytes = {0x83, 0x01, 0xa1, 0x61, 'a', 0x62, 'x', 'y', 0x02, 0x07};
  cbor::Reader reader(bytes);
  auto item = reader.next_item();
  EXPECT_EQ(item.size(), 9U);
  EXPECT_EQ(reader.position(), 0U);
  reader.skip(item);
  EXPECT_EQ(reader.expect(cbor::Major::unsigned_integer, "a number"), 7U);
  EXPECT_TRUE(reader.at_end());
}

TEST(CborItems, NextItemRejectsTruncatedAndOversizedItems) {
  std::vector<std::uint8_t> truncated = {0x82, 0x01};
  EXPECT_THROW(cbor::Reader(truncated).next_item(), Error);
  std::vector<std::uint8_t> long_text = {0x63, 'a'};
  EXPECT_THROW(cbor::Reader(long_text).next_item(), Error);
  std::vector<std::uint8_t> huge_array = {0x9b, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
  EXPECT_THROW(cbor::Reader(huge_array).next_item(), Error);
}

} // namespace
} // namespace polar::dhall
