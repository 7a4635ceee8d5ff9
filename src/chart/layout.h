#pragma once
// Which Dhall files of a source tree become which files of the output: the
// two layouts teams already have (docs/chart-module.md), a Helm chart and a
// folder of plain manifests, the same as cmake/PolarHelmLayout.cmake applies
// at configure time. Both are held to the table of cases in
// tests/support/layout-cases.txt.
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

// A Helm chart (chart.dhall, templates/, subcharts) or a folder of plain
// manifests (every *.dhall file, at its own relative path).
enum class LayoutKind { chart, manifests };

struct ChartLayout {
  LayoutKind kind = LayoutKind::chart;
  // Manifests: a kustomization.yaml in each output folder (chart/kustomization.h).
  bool kustomization = false;
  std::filesystem::path source_dir;
  std::vector<ChartFile> files; // chart: the top, templates/, then each subchart; by name
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

struct ManifestsOptions {
  // Globs (chart/glob.h) on the path relative to the source folder of the
  // files that are not rendered: library folders (`types/**`), helpers.
  std::vector<std::string> excludes;
  bool kustomization = false;
};

// The manifests layout of `source_dir`: every *.dhall file below it, in any
// folder, that no glob of `options.excludes` matches becomes
// <folder>/<stem>.yaml at the same relative path, a list one document per
// element. Files not ending in .dhall, and files named just `.dhall`, are
// ignored. Throws ChartError when `source_dir` is no folder, when the path of
// a *.dhall file below it (excluded or not) holds `;`, `\` or `#`, and with
// `options.kustomization` when a file renders to a kustomization.yaml.
ChartLayout discover_manifests_layout(const std::filesystem::path& source_dir,
                                      const ManifestsOptions& options);

} // namespace polar::chart
