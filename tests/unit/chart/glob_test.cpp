#include "chart/glob.h"

#include <gtest/gtest.h>

namespace polar::chart {
namespace {

TEST(Glob, WithoutSlashMatchesTheFileNameAtAnyDepth) {
  EXPECT_TRUE(glob_matches("*-secret.yaml", "charts/neo4j/templates/auth-secret.yaml"));
  EXPECT_TRUE(glob_matches("*-secret.yaml", "db-secret.yaml"));
  EXPECT_FALSE(glob_matches("*-secret.yaml", "charts/neo4j/templates/secret.yaml"));
  EXPECT_FALSE(glob_matches("*-secret.yaml", "charts/a-secret.yaml/values.yaml"));
}

TEST(Glob, WithSlashMatchesTheWholePath) {
  EXPECT_TRUE(glob_matches("templates/*.yaml", "templates/issuers.yaml"));
  EXPECT_FALSE(glob_matches("templates/*.yaml", "charts/web/templates/issuers.yaml"));
  EXPECT_FALSE(glob_matches("templates/*.yaml", "templates/deep/issuers.yaml"));
}

TEST(Glob, DoubleStarCrossesSegments) {
  EXPECT_TRUE(glob_matches("charts/**/*.yaml", "charts/web/templates/service.yaml"));
  EXPECT_TRUE(glob_matches("**/values.yaml", "charts/web/values.yaml"));
  EXPECT_FALSE(glob_matches("charts/**.json", "charts/web/values.yaml"));
}

TEST(Glob, QuestionMarkIsOneCharacterOfASegment) {
  EXPECT_TRUE(glob_matches("v?.yaml", "v1.yaml"));
  EXPECT_FALSE(glob_matches("v?.yaml", "v12.yaml"));
  EXPECT_FALSE(glob_matches("a?b", "a/b"));
}

} // namespace
} // namespace polar::chart
