#include "chart/tree_sync.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include "chart/files.h"
#include "chart/written_files.h"
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
    // What an earlier sync wrote.
    write_written_files(committed(), {"Chart.yaml", "templates/a.yaml", "old/gone.yaml"});
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
  for (const char* expected :
       {"  changed: templates/a.yaml\n",
        "  missing: templates/new.yaml (generated, not committed)\n",
        "  stale:   old/gone.yaml (written by a sync, no longer generated)\n",
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

// A pid no process has: one that just exited (reused within a test? no).
std::string dead_pid() {
  pid_t child = ::fork();
  if (child == 0) {
    ::_exit(0);
  }
  ::waitpid(child, nullptr, 0);
  return std::to_string(child);
}

TEST_F(TreeSync, LeavesTheFilesNoSyncWroteAlone) {
  folder_.write("committed/CMakeLists.txt", "project(x)\n");
  folder_.write("committed/deploy/chart.dhall", "{=}\n");
  folder_.write("committed/kustomization.yaml", "resources: []\n");
  folder_.write("committed/other/Chart.yaml", "name: other\n");
  TreeDifference difference = compare_trees(generated(), committed(), excludes_);
  EXPECT_EQ(difference.stale, std::vector<std::string>{"old/gone.yaml"});
  EXPECT_EQ(difference.foreign,
            (std::vector<std::string>{"CMakeLists.txt", "deploy/chart.dhall", "kustomization.yaml",
                                      "other/Chart.yaml"}));
  apply_difference(generated(), committed(), difference);
  EXPECT_EQ(read_file(committed() / "CMakeLists.txt"), "project(x)\n");
  EXPECT_EQ(read_file(committed() / "deploy/chart.dhall"), "{=}\n");
  EXPECT_EQ(read_file(committed() / "kustomization.yaml"), "resources: []\n");
  EXPECT_EQ(read_file(committed() / "other/Chart.yaml"), "name: other\n");
  EXPECT_FALSE(fs::exists(committed() / "old/gone.yaml"));
  EXPECT_EQ(read_written_files(committed()),
            (std::vector<std::string>{"Chart.yaml", "templates/a.yaml", "templates/new.yaml"}));
  EXPECT_TRUE(compare_trees(generated(), committed(), excludes_).empty())
      << "drift ignores the files no sync wrote";
}

TEST_F(TreeSync, RefusesAFolderWithoutARecordUnlessAdopting) {
  fs::path target = folder_.path() / "project";
  folder_.write("project/CMakeLists.txt", "project(x)\n");
  folder_.write("project/Chart.yaml", "name: mine\n");
  folder_.write("project/templates/a.yaml", "a: 2\n");
  fs::last_write_time(target / "templates/a.yaml", fs::file_time_type{});
  TreeDifference difference = compare_trees(generated(), target, excludes_);
  EXPECT_EQ(difference.unowned, (std::vector<std::string>{"Chart.yaml", "templates/a.yaml"}));
  EXPECT_EQ(difference.unowned_changed, std::vector<std::string>{"Chart.yaml"});
  EXPECT_FALSE(difference.empty()) << "drift sees a copy no sync wrote";
  try {
    apply_difference(generated(), target, difference);
    ADD_FAILURE() << "wrote into a folder holding files no sync wrote";
  } catch (const ChartError& error) {
    std::string message = error.what();
    EXPECT_NE(message.find("CMakeLists.txt"), std::string::npos) << message;
    EXPECT_NE(message.find("--adopt"), std::string::npos) << message;
  }
  EXPECT_EQ(list_files(target),
            (std::vector<std::string>{"CMakeLists.txt", "Chart.yaml", "templates/a.yaml"}));
  EXPECT_EQ(read_file(target / "Chart.yaml"), "name: mine\n");

  apply_difference(generated(), target, difference, /*adopt=*/true);
  EXPECT_EQ(read_file(target / "CMakeLists.txt"), "project(x)\n");
  EXPECT_EQ(read_file(target / "Chart.yaml"), "name: polar\n");
  EXPECT_EQ(fs::last_write_time(target / "templates/a.yaml"), fs::file_time_type{})
      << "an equal file is taken over as it is";
  EXPECT_TRUE(compare_trees(generated(), target, excludes_).empty());
}

TEST_F(TreeSync, RefusesToOverwriteAFileNoSyncWrote) {
  folder_.write("committed/templates/new.yaml", "mine: true\n");
  TreeDifference difference = compare_trees(generated(), committed(), excludes_);
  EXPECT_EQ(difference.unowned, std::vector<std::string>{"templates/new.yaml"});
  EXPECT_NE(
      describe_drift(generated(), committed(), difference).find("unowned: templates/new.yaml"),
      std::string::npos);
  EXPECT_THROW(apply_difference(generated(), committed(), difference), ChartError);
  EXPECT_EQ(read_file(committed() / "templates/new.yaml"), "mine: true\n");
  EXPECT_TRUE(fs::exists(committed() / "old/gone.yaml")) << "nothing done before refusing";
}

TEST_F(TreeSync, ReportsRecordedFilesThatAreMissing) {
  apply_difference(generated(), committed(), compare_trees(generated(), committed(), excludes_));
  fs::remove(committed() / "templates/a.yaml");
  TreeDifference difference = compare_trees(generated(), committed(), excludes_);
  EXPECT_EQ(difference.missing, std::vector<std::string>{"templates/a.yaml"});
}

TEST_F(TreeSync, NeverSyncsTemporaryFilesAndRemovesAbandonedOnes) {
  std::string dead = dead_pid();
  folder_.write("generated/templates/.a.yaml.tmp-" + dead + "-42", "a: half");
  folder_.write("committed/templates/.a.yaml.tmp-" + dead + "-7", "a: half");
  std::string live = ".a.yaml.tmp-" + std::to_string(::getpid()) + "-7";
  folder_.write("committed/templates/" + live, "a: in progress");
  TreeDifference difference = compare_trees(generated(), committed(), excludes_);
  EXPECT_EQ(difference.missing, std::vector<std::string>{"templates/new.yaml"});
  EXPECT_TRUE(difference.foreign.empty());
  apply_difference(generated(), committed(), difference);
  EXPECT_EQ(list_files(committed()),
            (std::vector<std::string>{".polar-helm-files", "Chart.yaml", "templates/" + live,
                                      "templates/a.yaml", "templates/new.yaml"}));
}

TEST_F(TreeSync, TheGeneratedRecordSaysWhatIsGenerated) {
  write_written_files(generated(), {"Chart.yaml", "templates/a.yaml", "templates/new.yaml"});
  TreeDifference difference = compare_trees(generated(), committed(), {});
  EXPECT_EQ(difference.missing, std::vector<std::string>{"templates/new.yaml"})
      << "templates/db-secret.yaml is not in the generated record";
}

TEST_F(TreeSync, ARecordNamingFilesOutsideIsRefused) {
  folder_.write("outside.yaml", "keep: true\n");
  folder_.write("committed/.polar-helm-files", "# record\nChart.yaml\n../outside.yaml\n");
  try {
    apply_difference(generated(), committed(), compare_trees(generated(), committed(), {}));
    ADD_FAILURE() << "a record naming ../outside.yaml was accepted";
  } catch (const ChartError& error) {
    EXPECT_NE(std::string(error.what()).find(".polar-helm-files:3:1:"), std::string::npos)
        << error.what();
  }
  EXPECT_EQ(read_file(folder_.path() / "outside.yaml"), "keep: true\n");
}

TEST_F(TreeSync, TheDryRunPlanNamesEachFile) {
  std::string plan = describe_plan(compare_trees(generated(), committed(), excludes_));
  EXPECT_EQ(plan, "  write: templates/new.yaml\n  update: templates/a.yaml\n"
                  "  remove: old/gone.yaml\n");
}

} // namespace
} // namespace polar::chart
