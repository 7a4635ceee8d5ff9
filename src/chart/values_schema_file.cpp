#include "chart/detail/values_schema_file.h"

#include "chart/files.h"
#include "imports/load.h"
#include "render/json_writer.h"
#include "schema/values_schema.h"
#include "semantics/eval.h"

namespace polar::chart {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view values_file = "values.yaml";
constexpr std::string_view schema_file = "values.schema.json";

bool is_subchart_file(const std::string& output, std::string_view name) {
  // charts/<name>/<file>, one level: the layout has no deeper subcharts.
  std::string_view rest(output);
  if (!rest.starts_with("charts/") || !rest.ends_with(name)) {
    return false;
  }
  rest = rest.substr(7, rest.size() - 7 - name.size());
  return !rest.empty() && rest.find('/') == std::string_view::npos;
}

} // namespace

std::optional<std::string> values_schema_output(const std::string& output) {
  if (output == values_file || is_subchart_file(output, "/values.yaml")) {
    return output.substr(0, output.size() - values_file.size()) + std::string(schema_file);
  }
  return std::nullopt;
}

std::vector<std::string> subcharts_of(const std::string& values_output,
                                      const std::vector<std::string>& outputs) {
  std::vector<std::string> names;
  if (values_output != values_file) {
    return names;
  }
  constexpr std::string_view chart_file = "/Chart.yaml";
  for (const std::string& output : outputs) {
    if (is_subchart_file(output, chart_file)) {
      names.push_back(output.substr(7, output.size() - 7 - chart_file.size()));
    }
  }
  return names;
}

void write_values_schema(const ChartFile& file, const fs::path& chart_dir,
                         const dhall::LoadOptions& options,
                         const std::vector<std::string>& subcharts) {
  std::optional<std::string> output = values_schema_output(file.output);
  if (!output) {
    return;
  }
  dhall::Loaded loaded = dhall::load_file(file.source, options);
  render::Json schema = schema::chart_values_schema(loaded.type_value, subcharts);
  write_file_atomically(chart_dir / *output, render::write_json(schema),
                        dhall::Durability::unflushed);
}

} // namespace polar::chart
