// The one-pass index of the arrays in a CBOR item: extents, hashes that
// follow the bytes, and refusal of malformed or too deeply nested input.
#include <gtest/gtest.h>

#include <vector>

#include "binary/detail/array_index.h"

namespace polar::dhall::cbor {
namespace {

using Bytes = std::vector<std::uint8_t>;

TEST(ArrayIndex, FindsEveryArrayWithItsExtent) {
  // [1, [2, "ab"], {"k": [3]}] followed by a trailing 7, which is not read.
  Bytes bytes = {0x83, 0x01, 0x82, 0x02, 0x62, 'a', 'b', 0xa1, 0x61, 'k', 0x81, 0x03, 0x07};
  auto index = ArrayIndex::of_item(bytes, 10);
  ASSERT_TRUE(index);
  EXPECT_EQ(index->size(), 3U);
  const auto* outer = index->find(0);
  ASSERT_NE(outer, nullptr);
  EXPECT_EQ(outer->size, 12U);
  const auto* pair = index->find(2);
  ASSERT_NE(pair, nullptr);
  EXPECT_EQ(pair->size, 5U);
  EXPECT_EQ(index->find(7), nullptr); // the map is not an array
  const auto* single = index->find(10);
  ASSERT_NE(single, nullptr);
  EXPECT_EQ(single->size, 2U);
  // Asked out of order, it still answers.
  EXPECT_EQ(index->find(2)->size, 5U);
  EXPECT_EQ(index->find(1), nullptr);
}

TEST(ArrayIndex, DecodersOfPartsShareOneIndexWithCursorsOfTheirOwn) {
  // [[1, [2]], [3]]
  Bytes bytes = {0x82, 0x82, 0x01, 0x81, 0x02, 0x81, 0x03};
  const auto index = ArrayIndex::of_item(bytes, 10);
  ASSERT_TRUE(index);
  std::size_t first = index->first_at_or_after(1);
  std::size_t second = index->first_at_or_after(5);
  EXPECT_EQ(index->find(5, second)->size, 2U);
  EXPECT_EQ(index->find(1, first)->size, 4U);
  EXPECT_EQ(index->find(3, first)->size, 2U);
  EXPECT_EQ(index->find(4, first), nullptr);
}

TEST(ArrayIndex, EqualBytesHashEquallyAndOrderMatters) {
  // [[1, 2], [1, 2], [2, 1]]
  Bytes bytes = {0x83, 0x82, 0x01, 0x02, 0x82, 0x01, 0x02, 0x82, 0x02, 0x01};
  auto index = ArrayIndex::of_item(bytes, 10);
  ASSERT_TRUE(index);
  auto first = index->find(1)->hash;
  auto second = index->find(4)->hash;
  auto swapped = index->find(7)->hash;
  EXPECT_EQ(first, second);
  EXPECT_NE(first, swapped);
}

TEST(ArrayIndex, StringContentsAndTagsCount) {
  // [["a"], ["b"], [2(h'01')], [3(h'01')]]
  Bytes bytes = {0x84, 0x81, 0x61, 'a',  0x81, 0x61, 'b', 0x81,
                 0xc2, 0x41, 0x01, 0x81, 0xc3, 0x41, 0x01};
  auto index = ArrayIndex::of_item(bytes, 10);
  ASSERT_TRUE(index);
  EXPECT_NE(index->find(1)->hash, index->find(4)->hash);
  EXPECT_NE(index->find(7)->hash, index->find(11)->hash);
  EXPECT_EQ(index->find(7)->size, 4U);
}

TEST(ArrayIndex, SelfDescribeTagsStayOutsideTheArray) {
  // 55799([1])
  Bytes bytes = {0xd9, 0xd9, 0xf7, 0x81, 0x01};
  auto index = ArrayIndex::of_item(bytes, 10);
  ASSERT_TRUE(index);
  EXPECT_EQ(index->find(0), nullptr);
  ASSERT_NE(index->find(3), nullptr);
  EXPECT_EQ(index->find(3)->size, 2U);
}

TEST(ArrayIndex, RefusesMalformedItems) {
  EXPECT_FALSE(ArrayIndex::of_item(Bytes{0x82, 0x01}, 10));       // truncated
  EXPECT_FALSE(ArrayIndex::of_item(Bytes{0x81, 0x63, 'a'}, 10));  // string too long
  EXPECT_FALSE(ArrayIndex::of_item(Bytes{0x81, 0x9f, 0xff}, 10)); // indefinite length
  EXPECT_FALSE(ArrayIndex::of_item(Bytes{0x9b, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff},
                                   10)); // a length beyond the input
  EXPECT_FALSE(ArrayIndex::of_item(Bytes{}, 10));
}

TEST(ArrayIndex, RefusesNestingBeyondTheLimit) {
  Bytes nested(20, 0x81); // [[[…]]] twenty deep
  nested.push_back(0x01);
  EXPECT_FALSE(ArrayIndex::of_item(nested, 10));
  auto index = ArrayIndex::of_item(nested, 20);
  ASSERT_TRUE(index);
  EXPECT_EQ(index->size(), 20U);
  EXPECT_EQ(index->find(19)->size, 2U);
}

} // namespace
} // namespace polar::dhall::cbor
