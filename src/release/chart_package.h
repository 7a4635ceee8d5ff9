#pragma once
// `polar-helm package`: a chart folder as the .tgz `helm package` would make
// of it, byte for byte the same whenever the files are (docs/release.md).
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace polar::release {

// The tar time of every entry when SOURCE_DATE_EPOCH is not set: the Unix
// epoch, as Flux's artifacts have it.
constexpr std::int64_t default_package_time = 0;

// One file of the package, named as in the archive (`<chart>/...`).
struct PackageEntry {
  std::string name;
  std::string contents;
};

// What goes into the package, in helm's order: per chart Chart.yaml,
// Chart.lock, values.yaml, values.schema.json, templates/, the other files,
// then each subchart under charts/ the same way (by folder name). Files are
// read as helm reads them: the top .helmignore applies to the whole tree,
// a UTF-8 BOM is dropped, symlinks are followed.
struct ChartContents {
  std::string name;    // Chart.yaml's name
  std::string version; // Chart.yaml's version
  std::vector<PackageEntry> entries;
};

// Throws chart::ChartError naming the file: no Chart.yaml, no name or
// version, a bad .helmignore, a file that is not a regular file, a packed
// subchart (charts/*.tgz, not supported).
ChartContents read_chart(const std::filesystem::path& chart_dir);

// Sets the version of the chart as `helm package --version` does: the
// `version:` line of its Chart.yaml (the only byte change) and the file
// name. Throws chart::ChartError when `version` is not a SemVer 2 version or
// Chart.yaml has no top-level `version:` line of a single scalar.
void set_version(ChartContents& chart, const std::string& version);

// The .tgz bytes: tar entries with mode 0644, uid/gid 0, no owner names and
// the time `mtime`; gzip without time or name at the pinned level.
std::string package_bytes(const ChartContents& chart, std::int64_t mtime);

// SOURCE_DATE_EPOCH when set (a decimal number of seconds), otherwise
// default_package_time. Throws chart::ChartError when it is not a number.
std::int64_t package_time();

// "<name>-<version>.tgz".
std::string package_file_name(const ChartContents& chart);

} // namespace polar::release
