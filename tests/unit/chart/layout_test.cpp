#include "chart/layout.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "scratch_folder.h"

namespace polar::chart {
namespace {

using testing::ScratchFolder;

std::vector<std::string> outputs_of(const ChartLayout& layout) {
  std::vector<std::string> outputs;
  for (const ChartFile& file : layout.files) {
    outputs.push_back(file.output + (file.documents ? " (documents)" : ""));
  }
  return outputs;
}

TEST(Layout, FollowsTheTeamsLayout) {
  ScratchFolder sources;
  for (const char* file :
       {"chart.dhall", "values.dhall", "helpers.dhall", "values.dhall.local", "templates/a.dhall",
        "templates/notes.txt", "web/chart.dhall", "web/values.dhall", "web/deploy.dhall",
        "web/templates/b.dhall", "web/lib/inner.dhall", "types/Thing.dhall"}) {
    sources.write(file, "{=}\n");
  }
  ChartLayout layout = discover_layout(sources.path());
  EXPECT_EQ(outputs_of(layout), (std::vector<std::string>{
                                    "Chart.yaml",
                                    "values.yaml",
                                    "templates/a.yaml (documents)",
                                    "charts/web/Chart.yaml",
                                    "charts/web/templates/deploy.yaml (documents)",
                                    "charts/web/values.yaml",
                                    "charts/web/templates/b.yaml (documents)",
                                }));
  EXPECT_EQ(layout.files.front().source, sources.path() / "chart.dhall");
  EXPECT_EQ(
      layout.notes,
      (std::vector<std::string>{
          "helpers.dhall is a helper, rendered where imported",
          "skipping types/: no chart.dhall, so its files are helpers, rendered where imported",
      }));
}

TEST(Layout, NeedsChartDhall) {
  ScratchFolder sources;
  sources.write("values.dhall", "{=}\n");
  EXPECT_THROW(discover_layout(sources.path()), ChartError);
}

TEST(Layout, RejectsTwoSourcesForOneOutput) {
  ScratchFolder sources;
  sources.write("chart.dhall", "{=}\n");
  sources.write("web/chart.dhall", "{=}\n");
  sources.write("web/service.dhall", "{=}\n");
  sources.write("web/templates/service.dhall", "{=}\n");
  try {
    discover_layout(sources.path());
    FAIL() << "expected a ChartError";
  } catch (const ChartError& error) {
    EXPECT_NE(std::string(error.what()).find("charts/web/templates/service.yaml"),
              std::string::npos)
        << error.what();
  }
}

} // namespace
} // namespace polar::chart
