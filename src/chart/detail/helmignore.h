#pragma once
// The .helmignore files of a generated chart: what `helm package` leaves
// out, and the encrypted (sops) files, which Helm cannot read (the cluster
// decrypts them, e.g. Flux).
#include <filesystem>
#include <string>
#include <vector>

namespace polar::chart {

// The contents polar-helm writes, listing `encrypted` (paths relative to the
// chart, `/` separators). It leaves out polar-helm's bookkeeping too
// (chart/written_files.h).
std::string helmignore_text(const std::vector<std::string>& encrypted);

// The encrypted files below `chart_dir`, found by content
// (secrets::is_sops_file), sorted, relative with `/` separators.
std::vector<std::string> encrypted_files(const std::filesystem::path& chart_dir);

// Writes <chart_dir>/.helmignore and one in each subchart folder
// (charts/<name>/), each listing the encrypted files below it: helm loads a
// chart with its own .helmignore only, and `helm lint --with-subcharts`
// loads each subchart on its own. Always written: the build uses the top one
// as the stamp of the chart-level step, so its time must move. Returns the
// files written, relative to `chart_dir`.
std::vector<std::string> write_helmignore(const std::filesystem::path& chart_dir);

} // namespace polar::chart
