// The payload formats of build-cache entries: sections, lazily decodable
// expressions and record layouts read back what was written, and anything
// else is a decode error.
#include "imports/detail/build_cache_format.h"

#include <gtest/gtest.h>

#include "binary/encode.h"
#include "semantics/embedded.h"
#include "semantics/eval.h"
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

// The lookup that knows `reference` only, as `expr`.
References lookup(const BuildReference& reference, const ExprPtr& expr) {
  return reference_lookup(
      [=](const BuildReference& met) { return met == reference ? expr : nullptr; });
}

// An entry that refers to an import holds a reference where the import's
// value is, lists it first, and reads back as what the reference stands for.
TEST(BuildCacheFormat, ReferencesComeBackAsWhatTheyStandFor) {
  ExprPtr imported = embed(eval(Env{}, parse_text("{ x = \"imported\" }")),
                           eval(Env{}, parse_text("{ x : Text }")));
  auto record =
      make_expr(RecordLit{FieldMap{{Label("a"), parse_text("1")}, {Label("b"), imported}}});
  BuildReference reference{BuildReference::Kind::result, {}};
  reference.key.fill(7);
  ReferenceOf reference_of = [&](const Expr& node) -> std::optional<BuildReference> {
    return &node == imported.get() ? std::optional(reference) : std::nullopt;
  };
  Bytes payload;
  ASSERT_TRUE(append_referring(payload, {record.get()}, ReferenceTarget{reference_of, {}}));
  auto sections = split_sections(shared(payload), 3);
  EXPECT_EQ(decode_references(sections[0].span()), std::vector{reference});
  EXPECT_EQ(std::string(payload.begin(), payload.end()).find("imported"), std::string::npos);

  ExprPtr stand_in = parse_text("{ x = \"from the cache\" }");
  auto decoded = decode_lazily_decodable(sections[1], sections[2], lookup(reference, stand_in));
  EXPECT_EQ(decoded->as<RecordLit>()->fields.at(Label("b"))->as<RecordLit>(),
            stand_in->as<RecordLit>());
  // Another reference is unknown, and without a lookup the label is not an
  // expression: entries of the integrity cache can never hold one.
  BuildReference other = reference;
  other.kind = BuildReference::Kind::pinned;
  EXPECT_THROW(decode_lazily_decodable(sections[1], sections[2], lookup(other, stand_in))
                   ->as<RecordLit>()
                   ->fields.at(Label("b"))
                   ->node(),
               Error);
  EXPECT_THROW(decode(sections[1].span()), Error);
}

// The list names what the entries referred to need too, so that a reader
// can check that all of it is there without reading any of it.
TEST(BuildCacheFormat, AnEntryListsWhatItsReferencesNeed) {
  ExprPtr imported = embed(eval(Env{}, parse_text("1")), eval(Env{}, parse_text("Natural")));
  BuildReference reference{BuildReference::Kind::result, {}};
  reference.key.fill(7);
  BuildReference below{BuildReference::Kind::result, {}};
  below.key.fill(3);
  BuildReference pinned{BuildReference::Kind::pinned, {}};
  pinned.key.fill(9);
  ReferenceTarget target{
      [&](const Expr& node) -> std::optional<BuildReference> {
        return &node == imported.get() ? std::optional(reference) : std::nullopt;
      },
      [&](const BuildReference& met) {
        return met == reference ? std::vector{below, pinned} : std::vector<BuildReference>{};
      }};
  Bytes payload;
  std::vector<BuildReference> needs;
  ASSERT_TRUE(append_referring(payload, {imported.get()}, target, 1 << 20, &needs));
  std::vector<BuildReference> expected{below, reference, pinned}; // in order
  EXPECT_EQ(needs, expected);
  EXPECT_EQ(decode_references(split_sections(shared(payload), 3)[0].span()), expected);
}

// Without references the same expression is spelled out, and the list is
// empty.
TEST(BuildCacheFormat, UnnamedEmbeddingsAreSpelledOut) {
  ExprPtr imported =
      embed(eval(Env{}, parse_text("[ 1, 2 ]")), eval(Env{}, parse_text("List Natural")));
  Bytes payload;
  ASSERT_TRUE(append_referring(payload, {imported.get()}, {}));
  auto sections = split_sections(shared(payload), 3);
  EXPECT_TRUE(decode_references(sections[0].span()).empty());
  EXPECT_EQ(encode(*decode_lazily_decodable(sections[1], sections[2])),
            encode(*parse_text("[ 1, 2 ]")));
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
