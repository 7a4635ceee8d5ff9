#include "chart/detail/dependencies.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "scratch_folder.h"

namespace polar::chart {
namespace {

using testing::ScratchFolder;

void write_chart(const ScratchFolder& folder, const std::string& subchart_path,
                 const std::string& name, const std::string& version,
                 const std::string& dependencies = "") {
  folder.write(subchart_path + "Chart.yaml",
               "apiVersion: v2\nname: " + name + "\nversion: " + version + "\n" + dependencies);
}

TEST(Dependencies, ListedSubchartsPresentAreFine) {
  ScratchFolder chart;
  write_chart(chart, "", "polar", "1.0.0",
              "dependencies:\n  - name: web\n    version: 1.2.0\n"
              "  - name: db\n    version: ~2.0\n");
  write_chart(chart, "charts/web/", "web", "1.2.0");
  write_chart(chart, "charts/database/", "db", "2.0.3");
  DependencyReport report = check_dependencies(chart.path());
  EXPECT_TRUE(report.errors.empty());
  EXPECT_TRUE(report.warnings.empty());
}

TEST(Dependencies, AMissingSubchartIsAnError) {
  ScratchFolder chart;
  write_chart(chart, "", "polar", "1.0.0", "dependencies:\n  - name: api\n    version: 1.0.0\n");
  write_chart(chart, "charts/web/", "web", "1.2.0");
  DependencyReport report = check_dependencies(chart.path());
  ASSERT_EQ(report.errors.size(), 1U);
  EXPECT_NE(report.errors[0].find("dependency `api` has no subchart in charts/ (present: web)"),
            std::string::npos)
      << report.errors[0];
  ASSERT_EQ(report.warnings.size(), 1U);
  EXPECT_NE(report.warnings[0].find("does not list the subchart `web`"), std::string::npos);
}

TEST(Dependencies, AnExactVersionMustMatch) {
  ScratchFolder chart;
  write_chart(chart, "", "polar", "1.0.0", "dependencies:\n  - name: web\n    version: 1.2.0\n");
  write_chart(chart, "charts/web/", "web", "1.3.0");
  DependencyReport report = check_dependencies(chart.path());
  ASSERT_EQ(report.errors.size(), 1U);
  EXPECT_NE(report.errors[0].find("asks for version 1.2.0, but the subchart is version 1.3.0"),
            std::string::npos);
}

TEST(Dependencies, SubchartsAreCheckedToo) {
  ScratchFolder chart;
  write_chart(chart, "", "polar", "1.0.0", "dependencies:\n  - name: web\n");
  write_chart(chart, "charts/web/", "web", "1.3.0",
              "dependencies:\n  - name: cache\n    version: 7.0.0\n");
  DependencyReport report = check_dependencies(chart.path());
  ASSERT_EQ(report.errors.size(), 1U);
  EXPECT_TRUE(report.errors[0].starts_with("charts/web/Chart.yaml: dependency `cache`"))
      << report.errors[0];
}

TEST(Dependencies, AChartYamlWithoutNameIsRejected) {
  ScratchFolder chart;
  chart.write("Chart.yaml", "apiVersion: v2\nversion: 1.0.0\n");
  EXPECT_THROW(check_dependencies(chart.path()), ChartError);
  ScratchFolder empty;
  EXPECT_THROW(check_dependencies(empty.path()), ChartError);
}

} // namespace
} // namespace polar::chart
