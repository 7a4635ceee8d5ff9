#include "chart/layout.h"

#include <algorithm>
#include <map>
#include <system_error>

#include <fmt/core.h>

#include "chart/files.h"
#include "chart/glob.h"
#include "chart/kustomization.h"

namespace polar::chart {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view dhall_extension = ".dhall";

// What a source's path may not hold: `;` splits CMake lists, CMake reads `\`
// as a path separator, and add_custom_command() refuses `#` in an output.
// cmake/PolarHelmLayout.cmake refuses the same names at configure time.
constexpr std::string_view refused_characters = ";\\#";

// Throws ChartError when `relative` (a source's path) holds a refused character.
void refuse_name(const std::string& relative) {
  if (relative.find_first_of(refused_characters) != std::string::npos) {
    throw ChartError(fmt::format("{}: a chart source name cannot hold ';', '\\' or '#' (CMake "
                                 "cannot carry them in lists and custom command outputs); "
                                 "rename it",
                                 relative));
  }
}

// Whether `file` is a Dhall source: named *.dhall, and not just `.dhall`.
bool is_dhall_source(const fs::path& file) {
  return file.extension() == dhall_extension && file.filename() != dhall_extension;
}

// The *.dhall files directly in `folder`, sorted by name; throws ChartError
// when a path relative to `source_dir` holds a refused character.
std::vector<fs::path> dhall_files_in(const fs::path& folder, const fs::path& source_dir) {
  std::vector<fs::path> files;
  std::error_code error;
  if (!fs::is_directory(folder, error)) {
    return files;
  }
  for (const auto& entry : fs::directory_iterator(folder, error)) {
    if (entry.is_regular_file(error) && entry.path().extension() == dhall_extension) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) {
    refuse_name(file.lexically_relative(source_dir).generic_string());
  }
  return files;
}

// The folders directly in `folder`, sorted by name.
std::vector<fs::path> folders_in(const fs::path& folder) {
  std::vector<fs::path> folders;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(folder, error)) {
    if (entry.is_directory(error)) {
      folders.push_back(entry.path());
    }
  }
  std::sort(folders.begin(), folders.end());
  return folders;
}

class LayoutBuilder {
public:
  explicit LayoutBuilder(const fs::path& source_dir) { layout_.source_dir = source_dir; }

  void add(const fs::path& source, std::string output, bool documents) {
    auto [previous, inserted] = sources_by_output_.emplace(output, source);
    if (!inserted) {
      throw ChartError(fmt::format("{} and {} both render to {}", previous->second.string(),
                                   source.string(), output));
    }
    layout_.files.push_back({source, std::move(output), documents});
  }

  void note(std::string sentence) { layout_.notes.push_back(std::move(sentence)); }

  ChartLayout take() { return std::move(layout_); }

private:
  ChartLayout layout_;
  std::map<std::string, fs::path> sources_by_output_;
};

// `config.v2.dhall` gives `config.v2.yaml`: only the last `.dhall` is replaced.
std::string yaml_name(const fs::path& source) {
  return source.stem().string() + ".yaml";
}

std::string template_output(const std::string& prefix, const fs::path& source) {
  return prefix + "templates/" + yaml_name(source);
}

void add_subchart(LayoutBuilder& builder, const fs::path& folder, const fs::path& source_dir) {
  std::string prefix = "charts/" + folder.filename().string() + "/";
  std::vector<fs::path> sources = dhall_files_in(folder, source_dir);
  std::vector<fs::path> templates = dhall_files_in(folder / "templates", source_dir);
  sources.insert(sources.end(), templates.begin(), templates.end());
  for (const fs::path& source : sources) {
    bool in_templates = source.parent_path().filename() == "templates";
    std::string name = source.filename().string();
    if (!in_templates && name == "chart.dhall") {
      builder.add(source, prefix + "Chart.yaml", false);
    } else if (!in_templates && name == "values.dhall") {
      builder.add(source, prefix + "values.yaml", false);
    } else {
      builder.add(source, template_output(prefix, source), true);
    }
  }
}

} // namespace

ChartLayout discover_layout(const fs::path& source_dir_argument) {
  std::error_code error;
  fs::path source_dir = fs::absolute(source_dir_argument, error).lexically_normal();
  if (!fs::is_regular_file(source_dir / "chart.dhall", error)) {
    throw ChartError(fmt::format("{} has no chart.dhall: not the root of a chart's Dhall sources",
                                 source_dir.string()));
  }
  LayoutBuilder builder(source_dir);
  for (const fs::path& source : dhall_files_in(source_dir, source_dir)) {
    std::string name = source.filename().string();
    if (name == "chart.dhall") {
      builder.add(source, "Chart.yaml", false);
    } else if (name == "values.dhall") {
      builder.add(source, "values.yaml", false);
    } else {
      builder.note(fmt::format("{} is a helper, rendered where imported", name));
    }
  }
  for (const fs::path& source : dhall_files_in(source_dir / "templates", source_dir)) {
    builder.add(source, template_output("", source), true);
  }
  for (const fs::path& folder : folders_in(source_dir)) {
    std::string name = folder.filename().string();
    if (name == "templates") {
      continue;
    }
    if (fs::is_regular_file(folder / "chart.dhall", error)) {
      add_subchart(builder, folder, source_dir);
    } else {
      builder.note(fmt::format("skipping {}/: no chart.dhall, so its files are helpers, "
                               "rendered where imported",
                               name));
    }
  }
  return builder.take();
}

ChartLayout discover_manifests_layout(const fs::path& source_dir_argument,
                                      const ManifestsOptions& options) {
  std::error_code error;
  fs::path source_dir = fs::absolute(source_dir_argument, error).lexically_normal();
  if (!fs::is_directory(source_dir, error)) {
    throw ChartError(fmt::format("{} is not a folder of Dhall sources", source_dir.string()));
  }
  std::vector<std::string> sources;
  fs::recursive_directory_iterator entries(source_dir, error);
  if (error) {
    throw ChartError(fmt::format("cannot read {}: {}", source_dir.string(), error.message()));
  }
  for (const fs::directory_entry& entry : entries) {
    if (entry.is_regular_file(error) && is_dhall_source(entry.path())) {
      std::string relative = entry.path().lexically_relative(source_dir).generic_string();
      refuse_name(relative);
      sources.push_back(std::move(relative));
    }
  }
  std::sort(sources.begin(), sources.end());
  LayoutBuilder builder(source_dir);
  std::map<std::string, std::size_t> excluded_by_glob;
  for (const std::string& relative : sources) {
    auto glob =
        std::find_if(options.excludes.begin(), options.excludes.end(),
                     [&](const std::string& exclude) { return glob_matches(exclude, relative); });
    if (glob != options.excludes.end()) {
      ++excluded_by_glob[*glob];
      continue;
    }
    fs::path source = source_dir / relative;
    std::string folder = fs::path(relative).parent_path().generic_string();
    std::string output = (folder.empty() ? "" : folder + "/") + yaml_name(source);
    if (options.kustomization && fs::path(output).filename() == kustomization_name) {
      throw ChartError(fmt::format("{} renders to {}, which KUSTOMIZATION (--kustomization) "
                                   "writes; rename it or exclude it",
                                   relative, output));
    }
    builder.add(source, output, true);
  }
  for (const auto& [glob, count] : excluded_by_glob) {
    builder.note(fmt::format("excluding '{}': {} file{}, rendered where imported", glob, count,
                             count == 1 ? "" : "s"));
  }
  ChartLayout layout = builder.take();
  layout.kind = LayoutKind::manifests;
  layout.kustomization = options.kustomization;
  return layout;
}

} // namespace polar::chart
