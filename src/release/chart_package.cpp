#include "release/chart_package.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <map>
#include <regex>
#include <system_error>

#include "chart/files.h"
#include "release/detail/gzip.h"
#include "release/detail/helm_ignore.h"
#include "release/detail/tar_writer.h"

namespace polar::release {

namespace fs = std::filesystem;
using chart::ChartError;

namespace {

// A file as helm's loader holds it: relative to its chart, `/` separators.
struct LoadedFile {
  std::string name;
  std::string contents;
};

std::string without_bom(std::string text) {
  if (text.starts_with("\xEF\xBB\xBF")) {
    text.erase(0, 3);
  }
  return text;
}

// Walks `folder` as Go's filepath.Walk does (names sorted bytewise in each
// folder, depth first; symlinks followed like helm's sympath.Walk), leaving
// out what `ignore` ignores.
void walk(const fs::path& root, const std::string& relative, const HelmIgnore& ignore,
          std::vector<LoadedFile>& files) {
  fs::path folder = relative.empty() ? root : root / relative;
  std::vector<std::string> names;
  std::error_code error;
  for (fs::directory_iterator it(folder, error), end; !error && it != end; it.increment(error)) {
    names.push_back(it->path().filename().string());
  }
  if (error) {
    throw ChartError(folder.string() + ": cannot list the folder: " + error.message());
  }
  std::sort(names.begin(), names.end());
  for (const std::string& name : names) {
    std::string path = relative.empty() ? name : relative + "/" + name;
    fs::file_status status = fs::status(root / path, error); // follows symlinks
    if (error) {
      throw ChartError((root / path).string() + ": " + error.message());
    }
    if (fs::is_directory(status)) {
      if (!ignore.ignores(path, true)) {
        walk(root, path, ignore, files);
      }
      continue;
    }
    if (ignore.ignores(path, false)) {
      continue;
    }
    if (!fs::is_regular_file(status)) {
      throw ChartError((root / path).string() +
                       ": not a regular file; helm cannot package it either");
    }
    files.push_back({path, without_bom(chart::read_file(root / path))});
  }
}

struct ChartMetadata {
  std::string name;
  std::string version;
};

ChartMetadata read_metadata(const std::string& text, const std::string& where) {
  YAML::Node node;
  try {
    node = YAML::Load(text);
  } catch (const YAML::Exception& error) {
    throw ChartError(where + ":" + std::to_string(error.mark.line + 1) + ":" +
                     std::to_string(error.mark.column + 1) + ": " + error.msg);
  }
  auto field = [&](const char* key) {
    YAML::Node value = node.IsMap() ? node[key] : YAML::Node();
    if (!value || !value.IsScalar() || value.Scalar().empty()) {
      throw ChartError(where + ": no `" + key + "`; a chart needs a name and a version");
    }
    return value.Scalar();
  };
  ChartMetadata metadata{field("name"), field("version")};
  // The name becomes a folder of the archive and the version part of a file
  // name: helm refuses separators and `..` too.
  for (const std::string& value : {metadata.name, metadata.version}) {
    if (value.find_first_of("/\\") != std::string::npos || value == "." || value == "..") {
      throw ChartError(where + ": `" + value + "` cannot name a file of the package");
    }
  }
  return metadata;
}

// Appends the entries of the chart made of `files` under `prefix`, then its
// subcharts, in the order of helm's chartutil.Save.
ChartMetadata add_chart(std::vector<LoadedFile> files, const std::string& prefix,
                        const std::string& where, std::vector<PackageEntry>& entries) {
  const LoadedFile* chart_yaml = nullptr;
  for (const LoadedFile& file : files) {
    if (file.name == "Chart.yaml") {
      chart_yaml = &file;
    }
  }
  if (chart_yaml == nullptr) {
    throw ChartError(where + ": no Chart.yaml (left out by .helmignore, or missing)");
  }
  ChartMetadata metadata = read_metadata(chart_yaml->contents, where + "/Chart.yaml");
  std::string base = prefix + metadata.name + "/";

  std::vector<const LoadedFile*> templates, others;
  std::map<std::string, std::vector<LoadedFile>> subcharts; // by folder name, sorted
  const LoadedFile* special[4] = {};
  static constexpr const char* special_names[4] = {"Chart.yaml", "Chart.lock", "values.yaml",
                                                   "values.schema.json"};
  for (LoadedFile& file : files) {
    auto known = std::find(std::begin(special_names), std::end(special_names), file.name);
    if (known != std::end(special_names)) {
      special[known - std::begin(special_names)] = &file;
    } else if (file.name.starts_with("templates/")) {
      templates.push_back(&file);
    } else if (file.name.starts_with("charts/") && !file.name.ends_with(".prov")) {
      std::string rest = file.name.substr(7);
      std::size_t slash = rest.find('/');
      std::string folder = rest.substr(0, slash);
      if (folder.starts_with('_') || folder.starts_with('.')) {
        continue; // helm skips these
      }
      if (slash == std::string::npos) {
        throw ChartError(where + "/" + file.name +
                         ": a file directly in charts/ (a packed subchart?) is not supported; "
                         "unpack subcharts into charts/<name>/");
      }
      subcharts[folder].push_back({rest.substr(slash + 1), std::move(file.contents)});
    } else {
      others.push_back(&file);
    }
  }
  for (const LoadedFile* file : special) {
    if (file != nullptr) {
      entries.push_back({base + file->name, file->contents});
    }
  }
  for (const auto* group : {&templates, &others}) {
    for (const LoadedFile* file : *group) {
      entries.push_back({base + file->name, file->contents});
    }
  }
  for (auto& [folder, subchart_files] : subcharts) {
    add_chart(std::move(subchart_files), base + "charts/", where + "/charts/" + folder, entries);
  }
  return metadata;
}

} // namespace

ChartContents read_chart(const fs::path& chart_dir) {
  std::error_code error;
  if (!fs::is_directory(chart_dir, error)) {
    throw ChartError(chart_dir.string() + ": not a chart folder");
  }
  fs::path ignore_file = chart_dir / ".helmignore";
  HelmIgnore ignore = fs::exists(ignore_file, error)
                          ? HelmIgnore::parse(chart::read_file(ignore_file), ignore_file.string())
                          : HelmIgnore::defaults();
  std::vector<LoadedFile> files;
  walk(chart_dir, "", ignore, files);
  ChartContents contents;
  ChartMetadata metadata = add_chart(std::move(files), "", chart_dir.string(), contents.entries);
  contents.name = metadata.name;
  contents.version = metadata.version;
  return contents;
}

void set_version(ChartContents& chart, const std::string& version) {
  // SemVer 2 (semver.org), which helm requires of a chart's version; such a
  // version is never a YAML number, so it is written unquoted.
  static const std::regex semver(
      R"((0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*))"
      R"((-(0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)(\.(0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*))*)?)"
      R"((\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?)");
  if (!std::regex_match(version, semver)) {
    throw ChartError("version `" + version +
                     "`: expected a SemVer 2 version (1.2.3, 1.2.3-rc.1, "
                     "1.2.3+build.7)");
  }
  std::string& text = chart.entries.front().contents; // the top Chart.yaml comes first
  std::string where = chart.entries.front().name;
  std::size_t line = text.starts_with("version:") ? 0 : text.find("\nversion:");
  if (line == std::string::npos) {
    throw ChartError(where + ": no top-level `version:` line to set the version in");
  }
  line += text[line] == '\n' ? 1 : 0;
  std::size_t end = text.find('\n', line);
  end = end == std::string::npos ? text.size() : end;
  std::string edited = text.substr(0, line) + "version: " + version + text.substr(end);
  if (read_metadata(edited, where).version != version) {
    throw ChartError(where + ": its `version:` is not written on one line; cannot set it");
  }
  text = std::move(edited);
  chart.version = version;
}

std::string package_bytes(const ChartContents& chart, std::int64_t mtime) {
  TarWriter tar(mtime);
  for (const PackageEntry& entry : chart.entries) {
    tar.add_file(entry.name, entry.contents, 0644);
  }
  return gzip_compress(std::move(tar).finish());
}

std::int64_t package_time() {
  const char* value = std::getenv("SOURCE_DATE_EPOCH");
  if (value == nullptr || *value == '\0') {
    return default_package_time;
  }
  std::string_view text(value);
  std::int64_t seconds = 0;
  auto [end, problem] = std::from_chars(text.data(), text.data() + text.size(), seconds);
  if (problem != std::errc() || end != text.data() + text.size() || seconds < 0 ||
      seconds > 077777777777) {
    throw ChartError("SOURCE_DATE_EPOCH=" + std::string(text) +
                     ": expected a number of seconds since 1970 (at most 11 octal digits)");
  }
  return seconds;
}

std::string package_file_name(const ChartContents& chart) {
  return chart.name + "-" + chart.version + ".tgz";
}

} // namespace polar::release
