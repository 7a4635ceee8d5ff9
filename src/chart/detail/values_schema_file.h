#pragma once
// `values.schema.json` next to each `values.yaml` of a chart: the JSON
// Schema of the type of `values.dhall`, which Helm checks every install,
// upgrade, lint and template against (docs/schema.md).
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "chart/layout.h"
#include "imports/options.h"

namespace polar::chart {

// The schema's output for a chart output: `values.schema.json` for
// `values.yaml`, `charts/<name>/values.schema.json` for
// `charts/<name>/values.yaml`; nullopt for other outputs.
std::optional<std::string> values_schema_output(const std::string& output);

// The subcharts of the chart whose values file is `values_output`, by name:
// the `<name>` of each `charts/<name>/Chart.yaml` among `outputs` for the
// top chart, none for a subchart.
std::vector<std::string> subcharts_of(const std::string& values_output,
                                      const std::vector<std::string>& outputs);

// Writes the schema of `file` (a values file) into `chart_dir` at
// values_schema_output(file.output). Throws dhall::Error for a Dhall mistake
// or a type with no JSON rendering, ChartError when it cannot be written.
void write_values_schema(const ChartFile& file, const std::filesystem::path& chart_dir,
                         const dhall::LoadOptions& options,
                         const std::vector<std::string>& subcharts);

} // namespace polar::chart
