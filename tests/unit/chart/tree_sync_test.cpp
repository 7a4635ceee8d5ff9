#include "chart/tree_sync.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "chart/files.h"
#include "scratch_folder.h"

namespace polar::chart {
namespace {

namespace fs = std::filesystem;
using testing::ScratchFolder;

class TreeSync : public ::testing::Test {
protected:
  TreeSync() {
    folder_.write("generated/Chart.yaml", "name: polar\n");
    folder_.write("generated/templates/a.yaml", "a: 2\n");
    folder_.write("generated/templates/new.yaml", "new: true\n");
    folder_.write("generated/templates/db-secret.yaml", "token: x\n");
    folder_.write("committed/Chart.yaml", "name: polar\n");
    folder_.write("committed/templates/a.yaml", "a: 1\n");
    folder_.write("committed/old/gone.yaml", "gone: true\n");
  }

  fs::path generated() const { return folder_.path() / "generated"; }
  fs::path committed() const { return folder_.path() / "committed"; }

  ScratchFolder folder_;
  std::vector<std::string> excludes_{"*-secret.yaml"};
};

TEST_F(TreeSync, ComparesWithoutTheExcludedFiles) {
  TreeDifference difference = compare_trees(generated(), committed(), excludes_);
  EXPECT_EQ(difference.missing, std::vector<std::string>{"templates/new.yaml"});
  EXPECT_EQ(difference.changed, std::vector<std::string>{"templates/a.yaml"});
  EXPECT_EQ(difference.stale, std::vector<std::string>{"old/gone.yaml"});
}

TEST_F(TreeSync, ApplyingTheDifferenceLeavesNone) {
  apply_difference(generated(), committed(), compare_trees(generated(), committed(), excludes_));
  EXPECT_TRUE(compare_trees(generated(), committed(), excludes_).empty());
  EXPECT_EQ(read_file(committed() / "templates/a.yaml"), "a: 2\n");
  EXPECT_FALSE(fs::exists(committed() / "old")) << "the emptied folder stays";
  EXPECT_FALSE(fs::exists(committed() / "templates/db-secret.yaml"));
}

TEST_F(TreeSync, TheDriftReportShowsEachFileAndItsDiff) {
  std::string report =
      describe_drift(generated(), committed(), compare_trees(generated(), committed(), excludes_));
  for (const char* expected : {"  changed: templates/a.yaml\n",
                               "  missing: templates/new.yaml (generated, not committed)\n",
                               "  stale:   old/gone.yaml (committed, no longer generated)\n",
                               "--- committed/templates/a.yaml\n+++ generated/templates/a.yaml\n@@ "
                               "-1,1 +1,1 @@\n-a: 1\n+a: 2\n",
                               "+new: true\n", "-gone: true\n"}) {
    EXPECT_NE(report.find(expected), std::string::npos) << expected << "\nin:\n" << report;
  }
}

TEST_F(TreeSync, AMissingCommittedCopyMeansEverythingIsMissing) {
  TreeDifference difference = compare_trees(generated(), folder_.path() / "nowhere", {});
  EXPECT_EQ(difference.missing.size(), 4U);
}

} // namespace
} // namespace polar::chart
