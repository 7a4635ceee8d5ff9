// src/chart/layout.cpp against the table of layout cases that
// cmake/PolarHelmLayout.cmake is held to as well (tests/support/layout-cases.txt,
// whose header explains the format): one test per case.
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "chart/files.h"
#include "chart/layout.h"

namespace polar::chart {
namespace {

namespace fs = std::filesystem;

struct LayoutCase {
  std::string title;
  std::vector<std::string> files;     // every file of the source folder
  std::vector<std::string> rendered;  // "<path> -> <output>", in table order
  std::vector<std::string> failures;  // what the error message must contain
  bool manifests = false;             // `layout manifests`
  ManifestsOptions manifests_options; // `exclude`, `kustomization`
};

std::vector<LayoutCase> read_cases() {
  std::ifstream table(POLAR_HELM_LAYOUT_CASES);
  std::vector<LayoutCase> cases;
  std::string line;
  while (std::getline(table, line)) {
    if (line.empty() || line.starts_with("#")) {
      continue;
    }
    if (line.starts_with("case ")) {
      cases.emplace_back();
      cases.back().title = line.substr(5);
    } else if (cases.empty()) {
      ADD_FAILURE() << "a line before the first case: " << line;
    } else if (line == "layout manifests") {
      cases.back().manifests = true;
    } else if (line.starts_with("exclude ")) {
      cases.back().manifests_options.excludes.push_back(line.substr(8));
    } else if (line == "kustomization") {
      cases.back().manifests_options.kustomization = true;
    } else if (line.starts_with("fails ")) {
      cases.back().failures.push_back(line.substr(6));
    } else if (auto arrow = line.find(" -> "); arrow != std::string::npos) {
      cases.back().files.push_back(line.substr(0, arrow));
      cases.back().rendered.push_back(line);
    } else {
      cases.back().files.push_back(line);
    }
  }
  return cases;
}

// A name GoogleTest accepts: the title with `_` for anything not alphanumeric.
std::string identifier(std::string title) {
  std::replace_if(
      title.begin(), title.end(), [](unsigned char c) { return !std::isalnum(c); }, '_');
  return title;
}

// How GoogleTest prints a case, which CMake's gtest_discover_tests() puts in
// the CTest name in place of the case's index.
void PrintTo(const LayoutCase& layout_case, std::ostream* out) {
  *out << identifier(layout_case.title);
}

ChartLayout discover(const LayoutCase& layout_case, const fs::path& sources) {
  return layout_case.manifests ? discover_manifests_layout(sources, layout_case.manifests_options)
                               : discover_layout(sources);
}

class LayoutCases : public ::testing::TestWithParam<LayoutCase> {};

TEST_P(LayoutCases, Hold) {
  const LayoutCase& layout_case = GetParam();
  fs::path sources =
      fs::temp_directory_path() / ("polar-helm-layout-case-" + identifier(layout_case.title));
  fs::remove_all(sources);
  for (const std::string& file : layout_case.files) {
    fs::create_directories((sources / file).parent_path());
    std::ofstream(sources / file) << "{=}\n";
  }

  if (!layout_case.failures.empty()) {
    try {
      discover(layout_case, sources);
      ADD_FAILURE() << "the layout was accepted";
    } catch (const ChartError& error) {
      for (const std::string& text : layout_case.failures) {
        EXPECT_NE(std::string(error.what()).find(text), std::string::npos)
            << "'" << error.what() << "' does not contain '" << text << "'";
      }
    }
  } else {
    std::vector<std::string> rendered;
    for (const ChartFile& file : discover(layout_case, sources).files) {
      rendered.push_back(file.source.lexically_relative(sources).generic_string() + " -> " +
                         file.output);
    }
    std::vector<std::string> expected = layout_case.rendered;
    std::sort(rendered.begin(), rendered.end());
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(rendered, expected);
  }
  fs::remove_all(sources);
}

INSTANTIATE_TEST_SUITE_P(Table, LayoutCases, ::testing::ValuesIn(read_cases()));

TEST(LayoutCasesTable, IsNotEmpty) {
  EXPECT_GE(read_cases().size(), 10u);
}

} // namespace
} // namespace polar::chart
