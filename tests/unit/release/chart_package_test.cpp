#include "release/chart_package.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "../chart/scratch_folder.h"
#include "chart/files.h"
#include "release/detail/gzip.h"

namespace polar::release {
namespace {

using chart::testing::ScratchFolder;

std::vector<std::string> names(const ChartContents& chart) {
  std::vector<std::string> result;
  for (const PackageEntry& entry : chart.entries) {
    result.push_back(entry.name);
  }
  return result;
}

void write_example(const ScratchFolder& folder) {
  folder.write("Chart.yaml", "apiVersion: v2\nname: demo\nversion: 1.2.3+build.4\n");
  folder.write("values.yaml", "\xEF\xBB\xBFreplicas: 1\n");
  folder.write("templates/b.yaml", "b\n");
  folder.write("templates/a.yaml", "a\n");
  folder.write("templates/.hidden", "dotfile\n");
  folder.write("templates/secret.yaml", "sops: {}\n");
  folder.write("README.md", "readme\n");
  folder.write("a.txt", "a\n");
  folder.write("a/b.txt", "ab\n");
  folder.write("values.dhall", "{=}\n");
  folder.write(".helmignore", "*.dhall\ntemplates/secret.yaml\n");
  folder.write("charts/zeta/Chart.yaml", "name: zeta\nversion: 0.1.0\n");
  folder.write("charts/zeta/templates/z.yaml", "z\n");
  folder.write("charts/alpha/Chart.yaml", "name: alpha-chart\nversion: 0.2.0\n");
  folder.write("charts/alpha/values.yaml", "x: 1\n");
  folder.write("charts/_helpers/notes.txt", "skipped by helm\n");
}

TEST(ChartPackage, EntriesInHelmsOrder) {
  ScratchFolder folder;
  write_example(folder);
  ChartContents chart = read_chart(folder.path());
  EXPECT_EQ(chart.name, "demo");
  EXPECT_EQ(chart.version, "1.2.3+build.4");
  EXPECT_EQ(package_file_name(chart), "demo-1.2.3+build.4.tgz");
  std::vector<std::string> expected = {
      "demo/Chart.yaml",
      "demo/values.yaml",
      "demo/templates/a.yaml",
      "demo/templates/b.yaml",
      "demo/.helmignore",
      "demo/README.md",
      "demo/a/b.txt", // Go's Walk order: the folder `a` before `a.txt`
      "demo/a.txt",
      "demo/charts/alpha-chart/Chart.yaml", // named by Chart.yaml, ordered by folder
      "demo/charts/alpha-chart/values.yaml",
      "demo/charts/zeta/Chart.yaml",
      "demo/charts/zeta/templates/z.yaml",
  };
  EXPECT_EQ(names(chart), expected);
  EXPECT_EQ(chart.entries[1].contents, "replicas: 1\n"); // the BOM dropped, as helm does
}

TEST(ChartPackage, SameFilesSameBytes) {
  ScratchFolder folder;
  write_example(folder);
  std::string first = package_bytes(read_chart(folder.path()), 0);
  std::string second = package_bytes(read_chart(folder.path()), 0);
  EXPECT_EQ(first, second);
  EXPECT_NE(first, package_bytes(read_chart(folder.path()), 1));
  std::string tar = gzip_decompress(first);
  EXPECT_EQ(tar.substr(0, 15), "demo/Chart.yaml");
}

TEST(ChartPackage, NamesWhatIsMissing) {
  ScratchFolder folder;
  folder.write("values.yaml", "a: 1\n");
  EXPECT_THROW((void)read_chart(folder.path()), chart::ChartError);
  folder.write("Chart.yaml", "name: demo\n");
  try {
    (void)read_chart(folder.path());
    FAIL() << "expected an error";
  } catch (const chart::ChartError& error) {
    EXPECT_NE(std::string(error.what()).find("no `version`"), std::string::npos) << error.what();
  }
}

TEST(ChartPackage, RejectsAPackedSubchart) {
  ScratchFolder folder;
  folder.write("Chart.yaml", "name: demo\nversion: 1.0.0\n");
  folder.write("charts/dep-1.0.0.tgz", "packed");
  EXPECT_THROW((void)read_chart(folder.path()), chart::ChartError);
}

TEST(ChartPackage, PackageTimeFromSourceDateEpoch) {
  ::unsetenv("SOURCE_DATE_EPOCH");
  EXPECT_EQ(package_time(), default_package_time);
  ::setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
  EXPECT_EQ(package_time(), 1700000000);
  ::setenv("SOURCE_DATE_EPOCH", "yesterday", 1);
  EXPECT_THROW((void)package_time(), chart::ChartError);
  ::unsetenv("SOURCE_DATE_EPOCH");
}

TEST(ChartPackage, SetVersionEditsOnlyTheVersionLine) {
  ScratchFolder folder;
  folder.write("Chart.yaml", "apiVersion: v2\nname: demo\nversion: \"0.1.0\"\ndescription: d\n");
  folder.write("charts/sub/Chart.yaml", "name: sub\nversion: 0.1.0\n");
  ChartContents chart = read_chart(folder.path());
  set_version(chart, "2.0.0-rc.1+ci.42");
  EXPECT_EQ(chart.version, "2.0.0-rc.1+ci.42");
  EXPECT_EQ(package_file_name(chart), "demo-2.0.0-rc.1+ci.42.tgz");
  EXPECT_EQ(chart.entries.front().contents,
            "apiVersion: v2\nname: demo\nversion: 2.0.0-rc.1+ci.42\ndescription: d\n");
  EXPECT_EQ(chart.entries.back().contents, "name: sub\nversion: 0.1.0\n"); // subcharts keep theirs

  for (const char* wrong : {"1.0", "v1.0.0", "1.0.0+", "01.0.0", "1.0.0\nname: x", ""}) {
    ChartContents again = read_chart(folder.path());
    EXPECT_THROW(set_version(again, wrong), chart::ChartError) << wrong;
    EXPECT_EQ(again.version, "0.1.0");
  }
  folder.write("Chart.yaml", "apiVersion: v2\nname: demo\nversion: >-\n  0.1.0\n");
  ChartContents folded = read_chart(folder.path());
  EXPECT_THROW(set_version(folded, "1.0.0"), chart::ChartError);
}

} // namespace
} // namespace polar::release
