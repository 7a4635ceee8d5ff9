#pragma once
// A whole chart in one process: what `polar-helm chart` does before running
// helm, and the chart-level step the CMake module runs after its renders.
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "chart/dependencies.h"
#include "chart/layout.h"
#include "imports/options.h"

namespace polar::chart {

// Renders `file` into `chart_dir` as `polar-helm render` would: YAML, a list
// as documents for templates. Throws dhall::Error for a Dhall mistake and
// ChartError when the output cannot be written; the output is then left as
// it was.
void render_chart_file(const ChartFile& file, const std::filesystem::path& chart_dir,
                       const dhall::LoadOptions& options);

// The outputs of `layout`, as ChartFile::output names them.
std::vector<std::string> outputs_of(const ChartLayout& layout);

// Removes the files of `chart_dir` other than `outputs` and .helmignore (left
// over from sources since removed), and the folders that leaves empty.
// Throws ChartError when `chart_dir` is not empty and holds no chart
// polar-helm generated: its files are not ours.
void remove_stale_outputs(const std::vector<std::string>& outputs,
                          const std::filesystem::path& chart_dir);

// The chart-level step after the renders: checks the dependencies and, when
// there is no error, writes .helmignore.
DependencyReport finish_chart(const std::filesystem::path& chart_dir);

// Everything: stale outputs, each file in layout order (`on_file` is told of
// each before it is rendered), then finish_chart. Stops at the first error.
DependencyReport generate_chart(const ChartLayout& layout, const std::filesystem::path& chart_dir,
                                const dhall::LoadOptions& options,
                                const std::function<void(const ChartFile&)>& on_file);

} // namespace polar::chart
