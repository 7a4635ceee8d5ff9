#include "chart/generate.h"

#include <algorithm>
#include <map>
#include <optional>
#include <system_error>

#include <fmt/core.h>
#include <fmt/format.h>

#include "chart/detail/helmignore.h"
#include "chart/detail/values_schema_file.h"
#include "chart/files.h"
#include "chart/kustomization.h"
#include "chart/secret_placeholder.h"
#include "chart/tree_sync.h"
#include "chart/written_files.h"
#include "imports/environment.h"
#include "imports/load.h"
#include "imports/redact.h"
#include "render/render.h"
#include "support/file_io.h"

namespace polar::chart {

namespace fs = std::filesystem;

std::string render_chart_file(const ChartFile& file, const fs::path& chart_dir,
                              const dhall::LoadOptions& options, const SecretEncryption* encryption,
                              const fs::path& previous_dir, bool placeholder) {
  render::RenderOptions render_options;
  render_options.format = render::OutputFormat::yaml;
  render_options.yaml.documents = file.documents;
  std::string text;
  fs::path output = chart_dir / file.output;
  std::optional<dhall::OutputFileWriter> writer;
  // A secret's message could quote a value, and so could any file's that
  // read an environment variable.
  bool hide_values = encryption != nullptr;
  placeholder = placeholder && encryption != nullptr;
  try {
    dhall::LoadOptions load_options = options;
    if (placeholder) {
      load_options.environment = with_secret_placeholders(
          options.environment ? options.environment : dhall::process_environment());
    }
    dhall::Loaded loaded = dhall::load_file(file.source, load_options);
    hide_values = hide_values || loaded.read_sensitive_values;
    render_options.conversion.map_keys_in_errors = !hide_values;
    if (encryption) {
      text = render::render(loaded.value, render_options); // encrypted whole
    } else {
      // Streamed into a temporary next to the output, renamed on success.
      writer.emplace(output);
      render::SinkTo sink(*writer);
      render::render(loaded.value, render_options, sink);
    }
  } catch (const dhall::Error& error) {
    if (hide_values) {
      throw dhall::without_values(error);
    }
    throw;
  }
  if (writer) {
    writer->commit();
    return {};
  }
  std::string note;
  if (encryption) {
    std::optional<std::string> previous;
    fs::path previous_output = (previous_dir.empty() ? chart_dir : previous_dir) / file.output;
    std::error_code error;
    if (fs::is_regular_file(previous_output, error)) {
      previous = read_file(previous_output);
    }
    if (placeholder) {
      text = check_placeholder_secret(text, file.output, *encryption, previous);
    } else {
      EncryptedSecret encrypted = encrypt_secret(text, file.output, *encryption, previous);
      text = std::move(encrypted.text);
      note = std::move(encrypted.replaced_because);
    }
  }
  // A build output: the build or the staged copy's sync is what must last.
  write_file_atomically(output, text, dhall::Durability::unflushed);
  return note;
}

std::vector<std::string> outputs_of(const ChartLayout& layout) {
  std::vector<std::string> outputs;
  for (const ChartFile& file : layout.files) {
    outputs.push_back(file.output);
  }
  return outputs;
}

void remove_stale_outputs(const std::vector<std::string>& outputs, const fs::path& chart_dir) {
  remove_abandoned_temporaries(chart_dir);
  std::vector<std::string> sorted_outputs = outputs;
  std::sort(sorted_outputs.begin(), sorted_outputs.end());
  auto is_output = [&](const std::string& name) {
    return std::binary_search(sorted_outputs.begin(), sorted_outputs.end(), name);
  };
  std::optional<std::vector<std::string>> recorded = read_written_files(chart_dir);
  std::vector<std::string> kept = sorted_outputs;
  for (const std::string& file : recorded.value_or(std::vector<std::string>{})) {
    // finish_chart writes .helmignore at the top and in each subchart still there.
    std::string_view ignore_file = ".helmignore";
    bool kept_helmignore =
        file == ignore_file ||
        (file.ends_with("/.helmignore") &&
         is_output(file.substr(0, file.size() - ignore_file.size()) + "Chart.yaml"));
    if (kept_helmignore) {
      kept.push_back(file);
      continue;
    }
    if (is_output(file)) {
      continue;
    }
    std::error_code error;
    fs::remove(chart_dir / file, error);
    if (error) {
      throw ChartError(fmt::format("cannot remove the stale {}: {}", (chart_dir / file).string(),
                                   error.message()));
    }
    remove_empty_folders(chart_dir, (chart_dir / file).parent_path());
  }
  write_written_files(chart_dir, std::move(kept), dhall::Durability::unflushed);
}

DependencyReport finish_chart(const fs::path& chart_dir) {
  DependencyReport report = check_dependencies(chart_dir);
  if (report.errors.empty()) {
    std::vector<std::string> written = write_helmignore(chart_dir);
    if (std::optional<std::vector<std::string>> recorded = read_written_files(chart_dir)) {
      recorded->insert(recorded->end(), written.begin(), written.end());
      write_written_files(chart_dir, std::move(*recorded), dhall::Durability::unflushed);
    }
  }
  return report;
}

void finish_manifests(const fs::path& folder, const std::vector<std::string>& outputs,
                      bool kustomization) {
  if (!kustomization) {
    return;
  }
  std::vector<std::string> written = write_kustomizations(folder, outputs);
  if (std::optional<std::vector<std::string>> recorded = read_written_files(folder)) {
    recorded->insert(recorded->end(), written.begin(), written.end());
    write_written_files(folder, std::move(*recorded), dhall::Durability::unflushed);
  }
}

namespace {

// The encryption of each secret file of `layout` (by index), after leaving
// out or keeping as they are the secrets `secrets` says to.
std::map<std::size_t, SecretEncryption> plan_secrets(ChartLayout& layout, const fs::path& chart_dir,
                                                     const SecretPolicy& secrets,
                                                     const ChartProgress& progress) {
  auto is_secret = [&](const ChartFile& file) {
    return secrets.is_secret(file.source.lexically_relative(layout.source_dir).generic_string());
  };
  std::map<std::size_t, SecretEncryption> plan;
  if (secrets.mode == SecretMode::exclude) {
    std::erase_if(layout.files, is_secret);
    return plan;
  }
  std::vector<std::string> unconfigured;
  for (std::size_t index = 0; index < layout.files.size(); ++index) {
    const ChartFile& file = layout.files[index];
    if (!is_secret(file)) {
      continue;
    }
    if (secrets.mode == SecretMode::plaintext) {
      progress.on_note(fmt::format("warning: the secret {} is written in plaintext "
                                   "(--allow-plaintext-secrets)",
                                   file.output));
      continue;
    }
    SecretEncryption encryption{secrets.command, secrets.age_recipients, std::nullopt,
                                secrets.encrypted_regex};
    if (!encryption.configured()) {
      encryption.sops_config_for = sops_rule_path(chart_dir / file.output, file.source);
    }
    if (!encryption.configured()) {
      unconfigured.push_back(file.source.lexically_relative(layout.source_dir).generic_string());
    }
    plan.emplace(index, std::move(encryption));
  }
  if (!unconfigured.empty()) {
    throw ChartError(fmt::format(
        "the secret files {} (matching '{}') would be written in plaintext: configure their "
        "encryption with --encrypt-command \"sops --encrypt ...\", --age <recipient> or a "
        ".sops.yaml with creation_rules at or above the chart or the sources; or pass "
        "--exclude-secrets (leave them out) or --allow-plaintext-secrets",
        fmt::join(unconfigured, ", "), secrets.pattern));
  }
  return plan;
}

} // namespace

namespace {

// A folder next to the chart that the new chart is written into, removed
// with this object: replacing the chart happens only when it is complete.
class StagingFolder {
public:
  explicit StagingFolder(const fs::path& chart_dir) : path_(dhall::temporary_sibling(chart_dir)) {
    std::error_code error;
    fs::create_directories(path_, error);
    if (error) {
      throw ChartError(fmt::format("cannot create {}: {}", path_.string(), error.message()));
    }
  }
  StagingFolder(const StagingFolder&) = delete;
  StagingFolder& operator=(const StagingFolder&) = delete;
  ~StagingFolder() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  const fs::path& path() const { return path_; }

private:
  fs::path path_;
};

// Removes the staging folders of `chart_dir` left by runs that were killed.
void remove_abandoned_staging(const fs::path& chart_dir) {
  fs::path parent = chart_dir.parent_path().empty() ? fs::path(".") : chart_dir.parent_path();
  std::string prefix = "." + chart_dir.filename().string() + ".tmp-";
  std::error_code error;
  for (const fs::directory_entry& entry : fs::directory_iterator(parent, error)) {
    std::string name = entry.path().filename().string();
    if (name.starts_with(prefix) && dhall::is_abandoned_temporary(name) &&
        entry.is_directory(error)) {
      fs::remove_all(entry.path(), error);
    }
  }
}

} // namespace

DependencyReport generate_chart(ChartLayout layout, const fs::path& chart_dir,
                                const dhall::LoadOptions& options, const SecretPolicy& secrets,
                                const ChartProgress& progress, bool values_schemas) {
  std::map<std::size_t, SecretEncryption> plan = plan_secrets(layout, chart_dir, secrets, progress);
  if (!read_written_files(chart_dir) && !content_files(chart_dir).empty()) {
    throw ChartError(fmt::format("{} is not empty and holds no chart polar-helm wrote (no {}): "
                                 "refusing to write into it",
                                 chart_dir.string(), written_files_name));
  }
  // `out/` and `.` name the folder itself: the staging folder goes next to it.
  fs::path folder = fs::absolute(chart_dir).lexically_normal();
  if (folder.filename().empty()) {
    folder = folder.parent_path();
  }
  remove_abandoned_staging(folder);
  StagingFolder staging(folder);
  for (std::size_t index = 0; index < layout.files.size(); ++index) {
    const ChartFile& file = layout.files[index];
    progress.on_file(file);
    auto secret = plan.find(index);
    const SecretEncryption* encryption = secret == plan.end() ? nullptr : &secret->second;
    std::string note = render_chart_file(file, staging.path(), options, encryption, chart_dir,
                                         secrets.placeholder);
    if (!note.empty()) {
      progress.on_note(fmt::format("note: {} re-encrypted: {}", file.output, note));
    }
    if (encryption && secrets.placeholder) {
      progress.on_note(fmt::format("note: {}: secrets placeholder mode: rendered from "
                                   "placeholders and compared with the committed copy {} by "
                                   "structure only (values not compared); kept as it is",
                                   file.output, (chart_dir / file.output).string()));
    }
    if (values_schemas && layout.kind == LayoutKind::chart) {
      write_values_schema(file, staging.path(), options,
                          subcharts_of(file.output, outputs_of(layout)));
    }
  }
  DependencyReport report;
  if (layout.kind == LayoutKind::manifests) {
    finish_manifests(staging.path(), outputs_of(layout), layout.kustomization);
  } else {
    report = finish_chart(staging.path());
  }
  if (!report.errors.empty()) {
    return report;
  }
  TreeDifference difference = compare_trees(staging.path(), chart_dir, {});
  if (!difference.unowned.empty()) {
    throw ChartError(fmt::format("{} holds files polar-helm did not write where the chart "
                                 "generates files ({}): refusing to overwrite them; move them away",
                                 chart_dir.string(), fmt::join(difference.unowned, ", ")));
  }
  if (progress.accept && !progress.accept(staging.path())) {
    return report;
  }
  apply_difference(staging.path(), chart_dir, difference);
  return report;
}

} // namespace polar::chart
