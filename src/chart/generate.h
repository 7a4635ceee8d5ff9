#pragma once
// A whole chart in one process: what `polar-helm chart` does before running
// helm, and the chart-level step the CMake module runs after its renders.
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "chart/dependencies.h"
#include "chart/layout.h"
#include "chart/secret_encryption.h"
#include "imports/options.h"

namespace polar::chart {

// Renders `file` into `chart_dir` as `polar-helm render` would: YAML, a list
// as documents for templates. With `encryption` (a secret file) the YAML is
// encrypted in memory first, keeping the current output when its content is
// unchanged; returns why it was re-encrypted instead, if it was. Throws
// dhall::Error for a Dhall mistake, secrets::Error when encryption fails and
// ChartError when the output cannot be written; the output is then left as
// it was.
std::string render_chart_file(const ChartFile& file, const std::filesystem::path& chart_dir,
                              const dhall::LoadOptions& options,
                              const SecretEncryption* encryption = nullptr);

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

// What generate_chart tells as it goes: each file before it is rendered,
// and notes (a secret re-encrypted and why, plaintext secrets).
struct ChartProgress {
  std::function<void(const ChartFile&)> on_file;
  std::function<void(const std::string&)> on_note;
};

// Everything: stale outputs, each file in layout order, then finish_chart.
// Secret files (`secrets.pattern`) are left out, rendered as they are, or
// encrypted (with the .sops.yaml that applies to the output or the source
// when neither a command nor recipients are given): ChartError before
// anything is written when none applies. Stops at the first error.
DependencyReport generate_chart(ChartLayout layout, const std::filesystem::path& chart_dir,
                                const dhall::LoadOptions& options, const SecretPolicy& secrets,
                                const ChartProgress& progress);

} // namespace polar::chart
