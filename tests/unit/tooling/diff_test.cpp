#include "tooling/diff.h"

#include <gtest/gtest.h>

#include <string>

#include "semantics/eval.h"
#include "syntax/parser.h"

namespace polar::dhall {
namespace {

ExpressionDifference diff(std::string_view left, std::string_view right) {
  return diff_expressions(alpha_normalize(normalize(parse_text(left))),
                          alpha_normalize(normalize(parse_text(right))));
}

TEST(Diff, EquivalentExpressionsAreTheSame) {
  auto same = diff("{ a = 1 + 1, b = [ True ] }", "{ b = [ True ], a = 2 }");
  EXPECT_TRUE(same.same);
  EXPECT_EQ(same.shown, "{ …\n}");
  EXPECT_TRUE(diff("λ(x : Natural) → x", "λ(y : Natural) → y").same);
}

TEST(Diff, ShowsChangedAddedAndRemovedFieldsInsideTheRecord) {
  auto difference = diff("{ a = 1, b = 2, c = 3 }", "{ a = 1, b = 5, d = 4 }");
  EXPECT_FALSE(difference.same);
  EXPECT_EQ(difference.shown, "{ - c = …\n"
                              ", + d = …\n"
                              ",   b = - 2\n"
                              "        + 5\n"
                              ", …\n"
                              "}");
}

TEST(Diff, ShowsListItemsOnlyOneSideHas) {
  EXPECT_EQ(diff("[ 1, 2, 3 ]", "[ 1, 3, 4 ]").shown, "[ …\n"
                                                      ", - 2\n"
                                                      ", …\n"
                                                      ", + 4\n"
                                                      "]");
  EXPECT_EQ(diff("[ 1 ]", "[ 2 ]").shown, "- [ … ]\n+ [ … ]");
}

TEST(Diff, ShowsDifferentKindsOfExpressionsBySkeleton) {
  EXPECT_EQ(diff("Some 1", "None Natural").shown, "- Some …\n+ None …");
  EXPECT_EQ(diff("{ a = 1 }", "[ 1 ]").shown, "- { … = … }\n+ [ … ]");
}

TEST(Diff, ShowsApplicationsArgumentByArgument) {
  EXPECT_EQ(diff("List Natural", "List Text").shown, "…\n- Natural\n+ Text");
}

TEST(Diff, ShowsTextsCharacterByCharacter) {
  EXPECT_EQ(diff("{ name = \"a1\" }", "{ name = \"b1\" }").shown, "{ name = \"[-a-]{+b+}1\"\n}");
  EXPECT_EQ(diff("\"app:1.2\"", "\"app:1.4\"").shown, "\"app:1.[-2-]{+4+}\"");
  EXPECT_EQ(diff("\"one\\ntwo\"", "\"one two\"").shown, "\"one[-\\n-]{+ +}two\"");
  EXPECT_EQ(diff("\"naïve\"", "\"naive\"").shown, "\"na[-ï-]{+i+}ve\"");
  // Nothing in common: both whole.
  EXPECT_EQ(diff("\"\"", "\"new\"").shown, "- \"\"\n+ \"new\"");
  EXPECT_EQ(diff("{ name = \"a\" }", "{ name = \"b\" }").shown,
            "{ name = - \"a\"\n         + \"b\"\n}");
  EXPECT_TRUE(diff("\"same\"", "\"same\"").same);
}

TEST(Diff, ShowsTheTextBetweenInterpolationsAndWhatIsInterpolated) {
  auto difference = diff("λ(x : Text) → \"a-${x}-b\"", "λ(x : Text) → \"a-${x}-c\"");
  EXPECT_EQ(difference.shown, "  λ(… : …)\n"
                              "→    \"…\"\n"
                              "  ++ …@…\n"
                              "  ++ \"-[-b-]{+c+}\"");
}

TEST(Diff, MarksCharactersInColourForATerminal) {
  auto difference = diff_expressions(parse_text("\"ab\""), parse_text("\"ac\""), DiffMarks::ansi);
  EXPECT_EQ(difference.shown, "\"\x1b[2ma\x1b[0m\x1b[41mb\x1b[0m\x1b[42mc\x1b[0m\"");
}

TEST(Diff, ShowsFunctionsParameterByParameter) {
  auto difference = diff("λ(x : Natural) → x + 1", "λ(x : Integer) → x");
  EXPECT_FALSE(difference.same);
  EXPECT_EQ(difference.shown, "  λ(… : - Natural\n"
                              "        + Integer\n"
                              "  )\n"
                              "→ - … + …\n"
                              "  + _");
}

} // namespace
} // namespace polar::dhall
