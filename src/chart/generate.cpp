#include "chart/generate.h"

#include <algorithm>
#include <system_error>

#include <fmt/core.h>

#include "chart/files.h"
#include "chart/helmignore.h"
#include "imports/load.h"
#include "render/render.h"

namespace polar::chart {

namespace fs = std::filesystem;

void render_chart_file(const ChartFile& file, const fs::path& chart_dir,
                       const dhall::LoadOptions& options) {
  dhall::Loaded loaded = dhall::load_file(file.source, options);
  render::RenderOptions render_options;
  render_options.format = render::OutputFormat::yaml;
  render_options.yaml.documents = file.documents;
  write_file_atomically(chart_dir / file.output, render::render(loaded.expr, render_options));
}

std::vector<std::string> outputs_of(const ChartLayout& layout) {
  std::vector<std::string> outputs;
  for (const ChartFile& file : layout.files) {
    outputs.push_back(file.output);
  }
  return outputs;
}

void remove_stale_outputs(const std::vector<std::string>& outputs, const fs::path& chart_dir) {
  std::vector<std::string> present = list_files(chart_dir);
  if (present.empty()) {
    return;
  }
  if (!is_generated_chart(chart_dir)) {
    throw ChartError(fmt::format("{} is not empty and holds no chart polar-helm generated; "
                                 "refusing to write into it",
                                 chart_dir.string()));
  }
  for (const std::string& file : present) {
    if (file == ".helmignore" || std::find(outputs.begin(), outputs.end(), file) != outputs.end()) {
      continue;
    }
    std::error_code error;
    if (!fs::remove(chart_dir / file, error)) {
      throw ChartError(fmt::format("cannot remove the stale {}", (chart_dir / file).string()));
    }
    remove_empty_folders(chart_dir, (chart_dir / file).parent_path());
  }
}

DependencyReport finish_chart(const fs::path& chart_dir) {
  DependencyReport report = check_dependencies(chart_dir);
  if (report.errors.empty()) {
    write_helmignore(chart_dir);
  }
  return report;
}

DependencyReport generate_chart(const ChartLayout& layout, const fs::path& chart_dir,
                                const dhall::LoadOptions& options,
                                const std::function<void(const ChartFile&)>& on_file) {
  remove_stale_outputs(outputs_of(layout), chart_dir);
  for (const ChartFile& file : layout.files) {
    on_file(file);
    render_chart_file(file, chart_dir, options);
  }
  return finish_chart(chart_dir);
}

} // namespace polar::chart
