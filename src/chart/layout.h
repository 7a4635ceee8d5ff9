#pragma once
// Which Dhall files of a source tree become which files of a Helm chart: the
// rules of the layout teams already have (docs/chart-module.md), the same as
// cmake/PolarHelmLayout.cmake applies at configure time. Both are held to the
// table of cases in tests/support/layout-cases.txt.
#include <filesystem>
#include <string>
#include <vector>

namespace polar::chart {

// One Dhall file rendered into the chart.
struct ChartFile {
  std::filesystem::path source; // absolute
  std::string output;           // relative to the chart directory, `/` separators
  bool documents = false;       // a list becomes a multi-document YAML file
};

struct ChartLayout {
  std::filesystem::path source_dir;
  std::vector<ChartFile> files; // the top, templates/, then each subchart; by name
  // What was left out, one sentence each: helper files and folders.
  std::vector<std::string> notes;
};

// The layout of `source_dir`:
//   chart.dhall                      -> Chart.yaml (required)
//   values.dhall                     -> values.yaml
//   templates/*.dhall                -> templates/<stem>.yaml
//   <folder>/chart.dhall             -> charts/<folder>/Chart.yaml
//   <folder>/values.dhall            -> charts/<folder>/values.yaml
//   <folder>/{,templates/}*.dhall    -> charts/<folder>/templates/<stem>.yaml
// where <stem> is the name without its last `.dhall` (`config.v2.dhall` gives
// `config.v2.yaml`). Other top-level *.dhall files and folders without
// chart.dhall are helpers, rendered only where imported; files not ending in
// .dhall, and a file named just `.dhall`, are ignored.
// Throws ChartError without chart.dhall, when two files share an output, or
// when the path of a Dhall file it reads holds `;`, `\` or `#`.
ChartLayout discover_layout(const std::filesystem::path& source_dir);

} // namespace polar::chart
