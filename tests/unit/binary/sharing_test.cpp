// The decoder shares identical subtrees (hash-consing) and still enforces
// its depth limit through shared subtrees; the encoder encodes shared
// subtrees once, holds them once and streams; CBOR item extents.
#include <gtest/gtest.h>

#include <algorithm>
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

// The encoder splices in the encoding of a shared node it met before; the
// bytes must be exactly those of encoding it again.
TEST(EncodeSharing, SharedSubtreesEncodeLikeSeparateCopies) {
  auto shared = layered(6, true);
  auto copies = layered(6, false);
  auto bytes = encode(*shared);
  EXPECT_EQ(bytes, encode(*copies));
  EXPECT_EQ(encode(*decode(bytes)), bytes);
  // Held with its parts shared, and streamed, the same bytes.
  EXPECT_EQ(encode_shared(*shared)->bytes(), bytes);
  VectorSink sink;
  encode_to(*shared, sink);
  EXPECT_EQ(std::move(sink).take(), bytes);
  // With a known-encoding callback that knows nothing, the same bytes.
  KnownEncoding nothing = [](const Expr&) { return EncodingPtr(); };
  EXPECT_EQ(encode_shared(*shared, &nothing)->bytes(), bytes);
}

// { a = x, b = x } nested `levels` deep around a literal: 2^levels leaves.
ExprPtr doubled(int levels) {
  ExprPtr tree = make_expr(NaturalLit{Natural(7)});
  for (int level = 0; level < levels; ++level) {
    tree = make_expr(RecordLit{FieldMap{{Label("a"), tree}, {Label("b"), tree}}});
  }
  return tree;
}

// Each level is [8, {"a": x, "b": x}]: seven bytes besides its two halves,
// around a three-byte [15, 7].
std::uint64_t doubled_size(int levels) {
  return levels == 0 ? 3 : 7 + 2 * doubled_size(levels - 1);
}

TEST(EncodeSharing, SharedPartsAreHeldOnce) {
  EXPECT_EQ(encode_shared(*doubled(10))->bytes(), encode(*doubled(10)));
  // Terabytes of bytes, held as forty parts.
  EXPECT_EQ(encode_shared(*doubled(40))->size(), doubled_size(40));
}

TEST(EncodeSharing, KnownEncodingsAreSplicedIn) {
  ExprPtr inner = doubled(3);
  ExprPtr outer = make_expr(Some{inner});
  EncodingPtr known = encode_shared(*inner);
  KnownEncoding lookup = [&](const Expr& node) { return &node == inner.get() ? known : nullptr; };
  EXPECT_EQ(encode_shared(*outer, &lookup)->bytes(), encode(*outer));
}

// A sink that takes the first bytes of a stream, then stops it.
class FirstBytes final : public ByteSink {
public:
  struct Enough {};
  explicit FirstBytes(std::size_t wanted) : wanted_(wanted) {}
  void write(std::span<const std::uint8_t> bytes) override {
    bytes_.insert(bytes_.end(), bytes.begin(), bytes.end());
    if (bytes_.size() >= wanted_) {
      throw Enough{};
    }
  }
  const std::vector<std::uint8_t>& bytes() const { return bytes_; }

private:
  std::size_t wanted_;
  std::vector<std::uint8_t> bytes_;
};

TEST(EncodeSharing, AnEncodingStreamsBeforeItIsWhole) {
  // Its bytes would not fit in any memory: the first ones must come out.
  FirstBytes sink(1 << 20);
  EXPECT_THROW(encode_to(*doubled(40), sink), FirstBytes::Enough);
  auto expected = encode(*doubled(16));
  // Both begin with their levels' headers; the first leaf follows them.
  std::vector<std::uint8_t> header(expected.begin(), expected.begin() + 5);
  EXPECT_TRUE(std::equal(header.begin(), header.end(), sink.bytes().begin()));
  EXPECT_GE(sink.bytes().size(), std::size_t{1} << 20);
}

TEST(Encoding, DeeplyNestedPartsWriteWithoutRecursion) {
  auto encoding = std::make_shared<const Encoding>(std::vector<std::uint8_t>{1});
  constexpr int depth = 200000;
  for (int level = 0; level < depth; ++level) {
    encoding = std::make_shared<const Encoding>(std::vector<std::uint8_t>{2, 3},
                                                std::vector<Encoding::Part>{{1, encoding}});
  }
  auto bytes = encoding->bytes();
  ASSERT_EQ(bytes.size(), 2 * std::size_t{depth} + 1);
  EXPECT_EQ(bytes.front(), 2);
  EXPECT_EQ(bytes[depth], 1);
  EXPECT_EQ(bytes.back(), 3);
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
