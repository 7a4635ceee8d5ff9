// The payload formats of build-cache entries: sections, lazily decodable
// expressions and record layouts read back what was written, and anything
// else is a decode error.
#include "imports/detail/build_cache_format.h"

#include <gtest/gtest.h>

#include "binary/encode.h"
#include "syntax/parser.h"

namespace polar::dhall {
namespace {

using Bytes = std::vector<std::uint8_t>;

SharedBytes shared(Bytes bytes) {
  return SharedBytes(std::move(bytes));
}

TEST(BuildCacheFormat, RecordsComeBackWithDeferredFields) {
  auto record = parse_text("{ a = 1, b = [ True ] }");
  Bytes payload;
  append_lazily_decodable(payload, *record);
  auto sections = split_sections(shared(payload), 2);
  ASSERT_EQ(sections.size(), 2U);
  EXPECT_NE(sections[1].size(), 0U); // a layout
  auto decoded = decode_lazily_decodable(sections[0], sections[1]);
  EXPECT_TRUE(decoded->as<RecordLit>()->fields.at(Label("b"))->is_deferred());
  EXPECT_EQ(encode(*decoded), encode(*record));
}

TEST(BuildCacheFormat, AnythingElseComesBackWhole) {
  auto list = parse_text("[ 1, 2 ]");
  Bytes payload;
  append_lazily_decodable(payload, *list);
  append_lazily_decodable(payload, *parse_text("List Natural"));
  auto sections = split_sections(shared(payload), 4);
  EXPECT_EQ(sections[1].size(), 0U); // no layout
  EXPECT_EQ(encode(*decode_lazily_decodable(sections[0], sections[1])), encode(*list));
  EXPECT_EQ(encode(*decode_lazily_decodable(sections[2], sections[3])),
            encode(*parse_text("List Natural")));
}

TEST(BuildCacheFormat, SectionsMustFillThePayloadExactly) {
  Bytes payload;
  append_lazily_decodable(payload, *parse_text("{ a = 1 }"));
  EXPECT_THROW(split_sections(shared(payload), 3), Error); // too few
  EXPECT_THROW(split_sections(shared(payload), 1), Error); // trailing bytes
  Bytes truncated(payload.begin(), payload.end() - 1);
  EXPECT_THROW(split_sections(shared(truncated), 2), Error);
  Bytes huge_length(8, 0xff);
  EXPECT_THROW(split_sections(shared(huge_length), 1), Error);
}

TEST(BuildCacheFormat, LayoutsRoundTripAndRejectOtherBytes) {
  auto layout = record_layout(encode(*parse_text("{ a : Natural, b : Bool }")));
  ASSERT_TRUE(layout);
  EXPECT_EQ(decode_layout(encode_layout(*layout)), *layout);
  EXPECT_THROW(decode_layout(encode(*parse_text("{ a = 1 }"))), Error);
  Bytes trailing = encode_layout(*layout);
  trailing.push_back(0);
  EXPECT_THROW(decode_layout(trailing), Error);
}

} // namespace
} // namespace polar::dhall
