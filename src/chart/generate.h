#pragma once
// A whole chart or manifests folder in one process: what `polar-helm chart`
// does before running helm and `polar-helm manifests` does, and the
// folder-level step the CMake module runs after its renders.
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "chart/detail/dependencies.h"
#include "chart/layout.h"
#include "chart/secret_encryption.h"
#include "imports/options.h"

namespace polar::chart {

// Renders `file` into `chart_dir` as `polar-helm render` would: YAML, a list
// as documents for templates. With `encryption` (a secret file) the YAML is
// encrypted in memory first, keeping the output in `previous_dir` (the chart
// being replaced; `chart_dir` when empty) when its content is unchanged;
// returns why it was re-encrypted instead, if it was. With `placeholder`
// the secret renders from placeholders (chart/secret_placeholder.h) and the
// output is the previous file when their structures agree, else
// secrets::Error with the masked diff. Throws dhall::Error for a Dhall
// mistake, secrets::Error when encryption fails and ChartError when the
// output cannot be written; the output is then left as it was.
std::string render_chart_file(const ChartFile& file, const std::filesystem::path& chart_dir,
                              const dhall::LoadOptions& options,
                              const SecretEncryption* encryption = nullptr,
                              const std::filesystem::path& previous_dir = {},
                              bool placeholder = false);

// The outputs of `layout`, as ChartFile::output names them.
std::vector<std::string> outputs_of(const ChartLayout& layout);

// The build's bookkeeping of `chart_dir` before finish_chart: removes the
// abandoned temporary files of killed renders, and the files its record
// (chart/written_files.h) lists that are not in `outputs` nor a .helmignore
// kept for them (left over from sources since removed), with the folders
// that leaves empty; then records `outputs`. Files polar-helm did not write
// are never removed: without a record, nothing is.
void remove_stale_outputs(const std::vector<std::string>& outputs,
                          const std::filesystem::path& chart_dir);

// The chart-level step after the renders: checks the dependencies and, when
// there is no error, writes .helmignore (adding them to the record of
// `chart_dir` when it has one).
DependencyReport finish_chart(const std::filesystem::path& chart_dir);

// The folder-level step after the renders of a manifests folder: with
// `kustomization`, writes the kustomization files of `outputs`
// (chart/kustomization.h), adding them to the record of `folder` when it
// has one. `outputs` with kustomization_files(outputs) are what
// remove_stale_outputs must keep.
void finish_manifests(const std::filesystem::path& folder, const std::vector<std::string>& outputs,
                      bool kustomization);

// What generate_chart tells as it goes: each file before it is rendered,
// and notes (a secret re-encrypted and why, plaintext secrets).
struct ChartProgress {
  std::function<void(const ChartFile&)> on_file;
  std::function<void(const std::string&)> on_note;
  // When set, checks the complete staged folder before it replaces the
  // output (`polar-helm chart` runs helm there); false leaves the output as
  // it was.
  std::function<bool(const std::filesystem::path& staged)> accept = {};
};

// Everything, staged: each file in layout order and finish_chart (or
// finish_manifests, for a manifests layout) into a temporary folder next to
// `chart_dir`, which then replaces the files of
// `chart_dir` as chart-sync would (chart/tree_sync.h): only what changed is
// rewritten, outputs whose source is gone are removed, files polar-helm did
// not write are left alone. Any error (a Dhall mistake, a secret that cannot
// be encrypted, a dependency error) leaves `chart_dir` as it was. Throws
// ChartError when `chart_dir` is not empty and has no record of a chart
// polar-helm wrote, or holds a file it did not write where the chart
// generates one. `progress.accept` may refuse the staged folder, which then
// replaces nothing either. Secret files (`secrets.pattern`) are left out, rendered as
// they are, or encrypted (with the .sops.yaml that applies to the output or
// the source when neither a command nor recipients are given): ChartError
// before anything is rendered when none applies; with `secrets.placeholder`
// an encrypted secret is checked against the file in `chart_dir` by
// structure and keeps its bytes (a note says so). With `values_schemas`
// each values file gets its values.schema.json (chart/detail/values_schema_file.h).
DependencyReport generate_chart(ChartLayout layout, const std::filesystem::path& chart_dir,
                                const dhall::LoadOptions& options, const SecretPolicy& secrets,
                                const ChartProgress& progress, bool values_schemas = true);

} // namespace polar::chart
