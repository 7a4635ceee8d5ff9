#include "chart/generate.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "chart/files.h"
#include "chart/helmignore.h"
#include "scratch_folder.h"

namespace polar::chart {
namespace {

namespace fs = std::filesystem;
using testing::ScratchFolder;

TEST(StaleOutputs, RemovesWhatIsNoLongerProducedAndTheFoldersItEmpties) {
  ScratchFolder chart;
  write_helmignore(chart.path());
  chart.write("Chart.yaml", "name: x\n");
  chart.write("templates/kept.yaml", "kept: true\n");
  chart.write("charts/gone/Chart.yaml", "name: gone\n");
  chart.write("charts/gone/templates/a.yaml", "a: 1\n");
  remove_stale_outputs({"Chart.yaml", "templates/kept.yaml"}, chart.path());
  EXPECT_EQ(list_files(chart.path()),
            (std::vector<std::string>{".helmignore", "Chart.yaml", "templates/kept.yaml"}));
  EXPECT_FALSE(fs::exists(chart.path() / "charts"));
}

TEST(StaleOutputs, RefusesAFolderPolarHelmDidNotGenerate) {
  ScratchFolder folder;
  folder.write("notes.txt", "mine\n");
  EXPECT_THROW(remove_stale_outputs({"Chart.yaml"}, folder.path()), ChartError);
  EXPECT_TRUE(fs::exists(folder.path() / "notes.txt"));
  ScratchFolder empty;
  EXPECT_NO_THROW(remove_stale_outputs({"Chart.yaml"}, empty.path() / "new"));
}

TEST(FinishChart, WritesHelmignoreOnlyWhenTheDependenciesHold) {
  ScratchFolder chart;
  chart.write("Chart.yaml", "apiVersion: v2\nname: x\nversion: 1.0.0\n"
                            "dependencies:\n  - name: missing\n");
  EXPECT_EQ(finish_chart(chart.path()).errors.size(), 1U);
  EXPECT_FALSE(is_generated_chart(chart.path()));
  chart.write("Chart.yaml", "apiVersion: v2\nname: x\nversion: 1.0.0\n");
  EXPECT_TRUE(finish_chart(chart.path()).errors.empty());
  EXPECT_TRUE(is_generated_chart(chart.path()));
}

} // namespace
} // namespace polar::chart
