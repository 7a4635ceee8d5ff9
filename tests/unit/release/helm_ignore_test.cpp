#include "release/detail/helm_ignore.h"

#include <gtest/gtest.h>

#include "chart/files.h"

namespace polar::release {
namespace {

TEST(GoPathMatch, FollowsGoFilepathMatch) {
  EXPECT_TRUE(go_path_match("*.yaml", "a.yaml"));
  EXPECT_FALSE(go_path_match("*.yaml", "t/a.yaml")); // `*` stays in a segment
  EXPECT_TRUE(go_path_match("t/*.yaml", "t/a.yaml"));
  EXPECT_TRUE(go_path_match("a?c", "abc"));
  EXPECT_FALSE(go_path_match("a?c", "a/c"));
  EXPECT_TRUE(go_path_match("[a-c]x", "bx"));
  EXPECT_FALSE(go_path_match("[^a-c]x", "bx"));
  EXPECT_TRUE(go_path_match("[^a-c]x", "dx"));
  EXPECT_TRUE(go_path_match("\\*", "*"));
  EXPECT_FALSE(go_path_match("\\*", "a"));
  EXPECT_TRUE(go_path_match("*", ""));
  EXPECT_THROW(go_path_match("[a", "abc"), std::invalid_argument);
  EXPECT_THROW(go_path_match("a\\", "abc"), std::invalid_argument);
}

TEST(HelmIgnore, PatternWithoutSlashMatchesTheLastSegment) {
  HelmIgnore ignore = HelmIgnore::parse("*.dhall\n# comment\n\n  *.tmp  \n", ".helmignore");
  EXPECT_TRUE(ignore.ignores("a.dhall", false));
  EXPECT_TRUE(ignore.ignores("templates/x/a.dhall", false));
  EXPECT_TRUE(ignore.ignores("a.tmp", false));
  EXPECT_FALSE(ignore.ignores("a.yaml", false));
  EXPECT_FALSE(ignore.ignores("# comment", false));
}

TEST(HelmIgnore, PatternWithSlashMatchesTheWholePath) {
  HelmIgnore ignore = HelmIgnore::parse("charts/neo4j/templates/auth-secret.yaml\n/top.txt\n", "f");
  EXPECT_TRUE(ignore.ignores("charts/neo4j/templates/auth-secret.yaml", false));
  EXPECT_FALSE(ignore.ignores("templates/auth-secret.yaml", false));
  EXPECT_TRUE(ignore.ignores("top.txt", false));
  EXPECT_FALSE(ignore.ignores("sub/top.txt", false));
}

TEST(HelmIgnore, TrailingSlashMatchesFoldersOnly) {
  HelmIgnore ignore = HelmIgnore::parse(".git/\n", "f");
  EXPECT_TRUE(ignore.ignores(".git", true));
  EXPECT_FALSE(ignore.ignores(".git", false));
}

TEST(HelmIgnore, DefaultIgnoresDotfilesInTemplates) {
  HelmIgnore ignore = HelmIgnore::defaults();
  EXPECT_TRUE(ignore.ignores("templates/.hidden", false));
  EXPECT_FALSE(ignore.ignores("templates/shown.yaml", false));
  EXPECT_FALSE(ignore.ignores(".helmignore", false));
  EXPECT_TRUE(HelmIgnore::parse("", "f").ignores("templates/.x", false));
}

// helm's negation: a path that does not match a `!` rule is ignored.
TEST(HelmIgnore, NegationIgnoresWhatDoesNotMatchAsHelmDoes) {
  HelmIgnore ignore = HelmIgnore::parse("!keep.txt\n", "f");
  EXPECT_FALSE(ignore.ignores("keep.txt", false));
  EXPECT_TRUE(ignore.ignores("other.txt", false));
}

TEST(HelmIgnore, TheChartFolderItselfIsNeverIgnored) {
  HelmIgnore ignore = HelmIgnore::parse("*\n", "f");
  EXPECT_FALSE(ignore.ignores("", true));
  EXPECT_FALSE(ignore.ignores(".", true));
  EXPECT_TRUE(ignore.ignores("anything", false));
}

TEST(HelmIgnore, RejectsWhatHelmRejectsWithTheLine) {
  try {
    (void)HelmIgnore::parse("ok\nsecrets/**\n", "chart/.helmignore");
    FAIL() << "expected an error";
  } catch (const chart::ChartError& error) {
    EXPECT_STREQ(error.what(), "chart/.helmignore:2: double-star (**) syntax is not supported "
                               "(helm rejects this .helmignore pattern)");
  }
  EXPECT_THROW((void)HelmIgnore::parse("[a\n", "f"), chart::ChartError);
}

TEST(HelmIgnore, DropsALeadingByteOrderMark) {
  HelmIgnore ignore = HelmIgnore::parse("\xEF\xBB\xBF*.md\n", "f");
  EXPECT_TRUE(ignore.ignores("README.md", false));
}

} // namespace
} // namespace polar::release
