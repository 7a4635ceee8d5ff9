#include "chart/detail/dependencies.h"

#include <map>
#include <regex>
#include <system_error>

#include <fmt/core.h>
#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "chart/files.h"

namespace polar::chart {

namespace fs = std::filesystem;

namespace {

struct ChartMetadata {
  std::string name;
  std::string version;
  YAML::Node dependencies;
};

ChartMetadata read_chart_yaml(const fs::path& chart_dir) {
  fs::path file = chart_dir / "Chart.yaml";
  std::error_code error;
  if (!fs::is_regular_file(file, error)) {
    throw ChartError(fmt::format("{} does not exist", file.string()));
  }
  YAML::Node root;
  try {
    root = YAML::Load(read_file(file));
  } catch (const YAML::Exception& exception) {
    throw ChartError(fmt::format("{} is not YAML: {}", file.string(), exception.what()));
  }
  auto text_field = [&](const char* key) {
    YAML::Node node = root.IsMap() ? root[key] : YAML::Node();
    if (!node || !node.IsScalar()) {
      throw ChartError(fmt::format("{} has no `{}`", file.string(), key));
    }
    return node.as<std::string>();
  };
  ChartMetadata metadata{text_field("name"), text_field("version"), root["dependencies"]};
  return metadata;
}

bool is_exact_version(const std::string& version) {
  static const std::regex exact(R"(v?[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?)");
  return std::regex_match(version, exact);
}

std::string scalar_field(const YAML::Node& map, const char* key) {
  YAML::Node node = map[key];
  return node && node.IsScalar() ? node.as<std::string>() : std::string();
}

// Checks the chart in `chart_dir` (shown as `shown_path` in messages) and its
// subcharts; returns what its Chart.yaml says.
ChartMetadata check_chart(const fs::path& chart_dir, const std::string& shown_path,
                          DependencyReport& report) {
  ChartMetadata chart = read_chart_yaml(chart_dir);

  std::map<std::string, ChartMetadata> subcharts; // by chart name
  std::error_code error;
  fs::path charts_dir = chart_dir / "charts";
  if (fs::is_directory(charts_dir, error)) {
    for (const auto& entry : fs::directory_iterator(charts_dir, error)) {
      if (!entry.is_directory(error)) {
        continue;
      }
      std::string subchart_path = shown_path + "charts/" + entry.path().filename().string() + "/";
      ChartMetadata subchart = check_chart(entry.path(), subchart_path, report);
      subcharts.emplace(subchart.name, std::move(subchart));
    }
  }

  std::map<std::string, bool> listed; // subchart name -> listed as a dependency
  if (chart.dependencies && !chart.dependencies.IsSequence()) {
    report.errors.push_back(fmt::format("{}Chart.yaml: `dependencies` is not a list", shown_path));
    return chart;
  }
  for (const YAML::Node& dependency : chart.dependencies) {
    std::string name = dependency.IsMap() ? scalar_field(dependency, "name") : std::string();
    if (name.empty()) {
      report.errors.push_back(
          fmt::format("{}Chart.yaml: a dependency without a `name`", shown_path));
      continue;
    }
    auto subchart = subcharts.find(name);
    if (subchart == subcharts.end()) {
      std::vector<std::string> present;
      for (const auto& [present_name, unused] : subcharts) {
        present.push_back(present_name);
      }
      report.errors.push_back(fmt::format(
          "{}Chart.yaml: dependency `{}` has no subchart in {}charts/ (present: {}); add a "
          "folder with a chart.dhall named {} to the sources",
          shown_path, name, shown_path,
          present.empty() ? "none" : fmt::format("{}", fmt::join(present, ", ")), name));
      continue;
    }
    listed[name] = true;
    std::string version = scalar_field(dependency, "version");
    if (is_exact_version(version) && version != subchart->second.version) {
      report.errors.push_back(fmt::format(
          "{}Chart.yaml: dependency `{}` asks for version {}, but the subchart is version {}",
          shown_path, name, version, subchart->second.version));
    }
  }
  for (const auto& [name, subchart] : subcharts) {
    if (!listed.contains(name)) {
      report.warnings.push_back(fmt::format(
          "{}Chart.yaml does not list the subchart `{}` (version {}) in `dependencies`; Helm "
          "installs it all the same",
          shown_path, name, subchart.version));
    }
  }
  return chart;
}

} // namespace

DependencyReport check_dependencies(const fs::path& chart_dir) {
  DependencyReport report;
  check_chart(chart_dir, "", report);
  return report;
}

} // namespace polar::chart
