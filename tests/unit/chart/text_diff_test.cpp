#include "chart/detail/text_diff.h"

#include <string>

#include <gtest/gtest.h>

namespace polar::chart {
namespace {

TEST(UnifiedDiff, EqualTextsHaveNoDiff) {
  EXPECT_EQ(unified_diff("a\nb\n", "a\nb\n", "before", "after"), "");
}

TEST(UnifiedDiff, OneChangedLineWithContext) {
  std::string before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
  std::string after = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";
  EXPECT_EQ(
      unified_diff(before, after, "committed/x", "generated/x"),
      "--- committed/x\n+++ generated/x\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n");
}

TEST(UnifiedDiff, DistantChangesMakeTwoHunks) {
  std::string before = "a\n1\n2\n3\n4\n5\n6\n7\n8\nb\n";
  std::string after = "A\n1\n2\n3\n4\n5\n6\n7\n8\nB\n";
  EXPECT_EQ(unified_diff(before, after, "x", "y"), "--- x\n+++ y\n"
                                                   "@@ -1,4 +1,4 @@\n-a\n+A\n 1\n 2\n 3\n"
                                                   "@@ -7,4 +7,4 @@\n 6\n 7\n 8\n-b\n+B\n");
}

TEST(UnifiedDiff, AddedAndRemovedFiles) {
  EXPECT_EQ(unified_diff("", "x\ny\n", "a", "b"), "--- a\n+++ b\n@@ -0,0 +1,2 @@\n+x\n+y\n");
  EXPECT_EQ(unified_diff("x\n", "", "a", "b"), "--- a\n+++ b\n@@ -1,1 +0,0 @@\n-x\n");
}

TEST(UnifiedDiff, InsertionKeepsTheCommonLines) {
  EXPECT_EQ(unified_diff("a\nc\n", "a\nb\nc\n", "x", "y"),
            "--- x\n+++ y\n@@ -1,2 +1,3 @@\n a\n+b\n c\n");
}

TEST(UnifiedDiff, AMissingFinalLineBreakShows) {
  EXPECT_EQ(unified_diff("a\nb\n", "a\nb", "x", "y"),
            "--- x\n+++ y\n@@ -1,2 +1,2 @@\n a\n-b\n+b\n\\ No newline at end of file\n");
}

TEST(UnifiedDiff, HugeMiddlesStillProduceACorrectDiff) {
  std::string before;
  std::string after;
  for (int line = 0; line < 3000; ++line) {
    before += "old " + std::to_string(line) + "\n";
    after += "new " + std::to_string(line) + "\n";
  }
  std::string diff = unified_diff(before, after, "x", "y");
  EXPECT_TRUE(diff.starts_with("--- x\n+++ y\n@@ -1,3000 +1,3000 @@\n-old 0\n"));
  EXPECT_TRUE(diff.ends_with("+new 2999\n"));
}

} // namespace
} // namespace polar::chart
