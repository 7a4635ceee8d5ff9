#pragma once
// The check of Chart.yaml `dependencies` against the subcharts a generated
// chart holds in charts/: Helm only finds out at install time.
#include <filesystem>
#include <string>
#include <vector>

namespace polar::chart {

struct DependencyReport {
  std::vector<std::string> errors;   // the chart cannot be installed as it is
  std::vector<std::string> warnings; // it can, but probably not as meant
};

// Checks `chart_dir` and, recursively, each chart in its charts/ folder:
// every dependency must name a subchart present (by the `name` in its
// Chart.yaml), an exact `version` must equal the subchart's,
// and a subchart nobody lists is worth a warning. Throws ChartError when a
// Chart.yaml is missing or is not YAML with a `name` and a `version`.
DependencyReport check_dependencies(const std::filesystem::path& chart_dir);

} // namespace polar::chart
