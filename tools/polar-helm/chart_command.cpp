#include "chart_command.h"

#include <cerrno>
#include <filesystem>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/core.h>
#include <fmt/format.h>
#include <spawn.h>
#include <sys/wait.h>

#include "chart/files.h"
#include "chart/generate.h"
#include "chart/kustomization.h"
#include "chart/layout.h"
#include "chart/secret_placeholder.h"
#include "chart/tree_sync.h"
#include "chart/written_files.h"
#include "encrypt_command.h"
#include "import_options.h"
#include "imports/environment.h"
#include "imports/inputs.h"
#include "memory_limit.h"
#include "report.h"
#include "secrets/filter_command.h"
#include "syntax/source.h"

extern char** environ;

namespace polar::cli {

namespace fs = std::filesystem;

namespace {

// The exit status of `arguments[0]` run with `arguments`, searched on PATH,
// sharing our standard streams; nullopt when it cannot be started.
std::optional<int> run_program(const std::vector<std::string>& arguments) {
  std::vector<char*> argv;
  for (const std::string& argument : arguments) {
    argv.push_back(const_cast<char*>(argument.c_str()));
  }
  argv.push_back(nullptr);
  pid_t child = 0;
  if (posix_spawnp(&child, argv[0], nullptr, nullptr, argv.data(), environ) != 0) {
    return std::nullopt;
  }
  int status = 0;
  while (waitpid(child, &status, 0) < 0) {
    if (errno != EINTR) {
      return std::nullopt;
    }
  }
  if (WIFEXITED(status)) {
    int code = WEXITSTATUS(status);
    // posix_spawnp reports an exec failure as exit status 127.
    return code == 127 ? std::nullopt : std::optional<int>(code);
  }
  return 128 + WTERMSIG(status);
}

void print_report(const chart::DependencyReport& report) {
  for (const std::string& warning : report.warnings) {
    fmt::print(stderr, "polar-helm: warning: {}\n", warning);
  }
  for (const std::string& error : report.errors) {
    fmt::print(stderr, "polar-helm: error: {}\n", error);
  }
}

struct ChartArguments {
  std::string source_dir;
  std::string output_dir;
  bool render_templates = false;
  bool no_values_schema = false;
  std::string helm = "helm";
  std::string release_name = "release";
  std::string kube_version;
  std::vector<std::string> values;
  ImportArguments imports;
  std::string secrets_pattern = "*-secret.dhall";
  std::vector<std::string> age;
  std::optional<std::string> encrypted_regex;
  std::string encrypt_command;
  bool exclude_secrets = false;
  bool allow_plaintext_secrets = false;
  bool secrets_placeholder = false; // or POLAR_HELM_SECRETS_PLACEHOLDER
  // `polar-helm manifests` only.
  std::vector<std::string> excludes;
  bool kustomization = false;
};

chart::SecretPolicy secret_policy(const ChartArguments& options) {
  chart::SecretPolicy policy;
  policy.pattern = options.secrets_pattern;
  policy.mode = options.exclude_secrets           ? chart::SecretMode::exclude
                : options.allow_plaintext_secrets ? chart::SecretMode::plaintext
                                                  : chart::SecretMode::encrypt;
  if (!options.encrypt_command.empty()) {
    policy.command = secrets::split_command_line(options.encrypt_command);
  }
  policy.age_recipients = options.age;
  policy.encrypted_regex = options.encrypted_regex;
  policy.placeholder = options.secrets_placeholder || chart::secrets_placeholder_requested();
  return policy;
}

void add_secret_options(CLI::App& chart, ChartArguments& options) {
  chart
      .add_option("--secrets-pattern", options.secrets_pattern,
                  "Sources whose output is a secret, never written in plaintext (a glob on the "
                  "path relative to SRC)")
      ->capture_default_str();
  auto* encrypt_command = chart.add_option(
      "--encrypt-command", options.encrypt_command,
      "Encrypt secrets with this command (shell-like words): plaintext YAML on its standard "
      "input, the sops file on its standard output");
  auto* age = chart.add_option("--age", options.age,
                               "Encrypt secrets natively for this age recipient; repeatable "
                               "(default: the .sops.yaml at or above OUT or SRC)");
  add_encrypted_regex_option(chart, options.encrypted_regex)->needs(age);
  auto* exclude = chart.add_flag("--exclude-secrets", options.exclude_secrets,
                                 "Leave secret files out of the chart");
  auto* plaintext = chart.add_flag("--allow-plaintext-secrets", options.allow_plaintext_secrets,
                                   "Write secret files in plaintext (with a warning)");
  chart.add_flag("--secrets-placeholder", options.secrets_placeholder,
                 "CI without secret values (also POLAR_HELM_SECRETS_PLACEHOLDER=1): encrypted "
                 "secrets render with unset variables read as a placeholder, must have the "
                 "structure of their encrypted copy in OUT (else an error), and keep its bytes");
  encrypt_command->excludes(age)->excludes(exclude)->excludes(plaintext);
  age->excludes(exclude)->excludes(plaintext);
  exclude->excludes(plaintext);
}

// Runs helm with `arguments`; the exit code to stop with, or nullopt to go on.
std::optional<ExitCode> run_helm(const ChartArguments& options,
                                 std::vector<std::string> arguments) {
  arguments.insert(arguments.begin(), options.helm);
  for (const std::string& values_file : options.values) {
    arguments.insert(arguments.end(), {"--values", values_file});
  }
  std::string shown = fmt::format("{}", fmt::join(arguments, " "));
  fmt::print("polar-helm: {}\n", shown);
  std::fflush(stdout);
  std::optional<int> status = run_program(arguments);
  if (!status) {
    fmt::print(stderr, "polar-helm: error: cannot run {}: install helm 3 or 4, or pass --helm\n",
               options.helm);
    return exit_environment;
  }
  if (*status != 0) {
    fmt::print(stderr, "polar-helm: error: `{}` failed (exit status {})\n", shown, *status);
    return exit_input_error;
  }
  return std::nullopt;
}

// Every variable the chart's files read on every load and that is not set,
// in one message before anything is rendered or written (docs/chart-module.md,
// "Environment variables"); false when there is none. Secret files left out,
// or reading placeholders for unset variables, are not checked.
bool report_missing_variables(const chart::ChartLayout& layout, const chart::SecretPolicy& secrets,
                              const dhall::LoadOptions& load_options) {
  std::vector<dhall::Inputs> inputs;
  bool secrets_unchecked = secrets.mode == chart::SecretMode::exclude ||
                           (secrets.mode == chart::SecretMode::encrypt && secrets.placeholder);
  for (const chart::ChartFile& file : layout.files) {
    bool left_out =
        secrets_unchecked &&
        secrets.is_secret(file.source.lexically_relative(layout.source_dir).generic_string());
    if (!left_out) {
      inputs.push_back(dhall::find_inputs(file.source, load_options));
    }
  }
  std::vector<dhall::MissingVariable> missing = dhall::missing_variables(
      inputs, load_options.environment ? load_options.environment : dhall::process_environment());
  if (missing.empty()) {
    return false;
  }
  fmt::print(stderr, "polar-helm: error: {}polar-helm: nothing was rendered or written\n",
             dhall::describe_missing_variables(missing));
  return true;
}

// Prints the notes of `layout`; then, as it goes, each file rendered.
chart::ChartProgress report_progress(const chart::ChartLayout& layout) {
  for (const std::string& note : layout.notes) {
    fmt::print("polar-helm: {}\n", note);
  }
  return {
      .on_file =
          [source_dir = layout.source_dir](const chart::ChartFile& file) {
            fmt::print("polar-helm: rendering {} -> {}\n",
                       file.source.lexically_relative(source_dir).generic_string(), file.output);
            std::fflush(stdout);
          },
      .on_note = [](const std::string& note) { fmt::print(stderr, "polar-helm: {}\n", note); },
  };
}

ExitCode run_manifests(const ChartArguments& options, const dhall::LoadOptions& load_options) {
  chart::ChartLayout layout = chart::discover_manifests_layout(
      options.source_dir, {.excludes = options.excludes, .kustomization = options.kustomization});
  chart::ChartProgress progress = report_progress(layout);
  chart::SecretPolicy secrets = secret_policy(options);
  if (report_missing_variables(layout, secrets, load_options)) {
    return exit_input_error;
  }
  chart::generate_chart(layout, options.output_dir, load_options, secrets, progress);
  fmt::print("polar-helm: manifests written to {}\n", options.output_dir);
  return exit_ok;
}

// Lints (and with --render-templates templates) the chart in `chart_dir`;
// the exit code to stop with, or nullopt when helm accepts it.
std::optional<ExitCode> check_with_helm(const ChartArguments& options, const fs::path& chart_dir) {
  if (auto stop = run_helm(options, {"lint", "--with-subcharts", chart_dir.string()})) {
    return stop;
  }
  if (options.render_templates) {
    std::vector<std::string> arguments = {"template", options.release_name, chart_dir.string()};
    if (!options.kube_version.empty()) {
      arguments.insert(arguments.end(), {"--kube-version", options.kube_version});
    }
    if (auto stop = run_helm(options, arguments)) {
      return stop;
    }
  }
  return std::nullopt;
}

ExitCode run_chart(const ChartArguments& options, const dhall::LoadOptions& load_options) {
  chart::ChartLayout layout = chart::discover_layout(options.source_dir);
  fs::path chart_dir = options.output_dir;
  chart::ChartProgress progress = report_progress(layout);
  chart::SecretPolicy secrets = secret_policy(options);
  if (report_missing_variables(layout, secrets, load_options)) {
    return exit_input_error;
  }
  // helm runs on the staged chart: a chart it refuses replaces nothing.
  std::optional<ExitCode> helm_refusal;
  progress.accept = [&](const fs::path& staged) {
    helm_refusal = check_with_helm(options, staged);
    return !helm_refusal;
  };
  chart::DependencyReport report = chart::generate_chart(layout, chart_dir, load_options, secrets,
                                                         progress, !options.no_values_schema);
  print_report(report);
  if (!report.errors.empty()) {
    return exit_input_error;
  }
  if (helm_refusal) {
    fmt::print(stderr, "polar-helm: {} left as it was\n", chart_dir.string());
    return *helm_refusal;
  }
  fmt::print("polar-helm: chart written to {}\n", chart_dir.string());
  return exit_ok;
}

struct FinishArguments {
  std::string chart_dir;
  std::string outputs_file;
  bool manifests = false;
  bool kustomization = false;
};

ExitCode run_finish(const FinishArguments& arguments) {
  fs::path chart_dir = arguments.chart_dir;
  std::vector<std::string> outputs;
  if (!arguments.outputs_file.empty()) {
    std::istringstream lines(chart::read_file(arguments.outputs_file));
    for (std::string line; std::getline(lines, line);) {
      if (!line.empty()) {
        outputs.push_back(line);
      }
    }
    // Removes only what the record of an earlier run lists: the folder may
    // hold files that are not ours.
    std::vector<std::string> kept = outputs;
    if (arguments.manifests && arguments.kustomization) {
      std::vector<std::string> kustomizations = chart::kustomization_files(outputs);
      kept.insert(kept.end(), kustomizations.begin(), kustomizations.end());
    }
    chart::remove_stale_outputs(kept, chart_dir);
  }
  if (arguments.manifests) {
    chart::finish_manifests(chart_dir, outputs, arguments.kustomization);
    return exit_ok;
  }
  chart::DependencyReport report = chart::finish_chart(chart_dir);
  print_report(report);
  return report.errors.empty() ? exit_ok : exit_input_error;
}

struct TreeArguments {
  std::string generated;
  std::string committed;
  std::vector<std::string> excludes;
  std::string fix_hint;
  bool adopt = false;
  bool dry_run = false;
};

void add_tree_arguments(CLI::App& command, TreeArguments& arguments) {
  command.add_option("GENERATED", arguments.generated, "The chart the sources generate")
      ->required();
  command.add_option("COMMITTED", arguments.committed, "The committed copy")->required();
  command.add_option("--exclude", arguments.excludes,
                     "A glob of files left out on both sides (repeatable)");
}

// Encrypted files whose values could not be compared, said once per run.
void print_unverified(const chart::TreeDifference& difference) {
  if (!difference.unverified.empty()) {
    fmt::print("polar-helm: note: no age identity (SOPS_AGE_KEY_FILE, SOPS_AGE_KEY) opens {}: "
               "compared by structure only, their values could not be compared\n",
               fmt::join(difference.unverified, ", "));
  }
}

} // namespace

void add_chart_commands(CLI::App& app, ExitCode& exit_code) {
  auto chart_options = std::make_shared<ChartArguments>();
  CLI::App* chart = app.add_subcommand(
      "chart", "Render a whole chart from its Dhall sources, write .helmignore, run helm lint "
               "--with-subcharts and, with --render-templates, helm template");
  chart->add_option("SRC", chart_options->source_dir, "The Dhall sources (with chart.dhall)")
      ->required()
      ->check(CLI::ExistingDirectory);
  chart->add_option("OUT", chart_options->output_dir, "The chart directory to write")->required();
  chart->add_flag("--render-templates", chart_options->render_templates,
                  "Also run helm template on the chart");
  chart->add_flag("--no-values-schema", chart_options->no_values_schema,
                  "Do not write values.schema.json next to each values.yaml");
  chart->add_option("--helm", chart_options->helm, "The helm program")
      ->envname("POLAR_HELM_HELM")
      ->capture_default_str();
  chart
      ->add_option("--release-name", chart_options->release_name,
                   "The release name for helm template")
      ->capture_default_str();
  chart->add_option("--kube-version", chart_options->kube_version,
                    "The Kubernetes version helm template assumes");
  chart->add_option("--values", chart_options->values, "Values files for helm (repeatable)");
  add_import_options(*chart, chart_options->imports);
  add_secret_options(*chart, *chart_options);
  add_memory_limit_option(*chart);
  chart->callback([chart_options, &exit_code] {
    dhall::LoadOptions load_options = make_load_options(chart_options->imports);
    exit_code = reporting({.subject = chart_options->source_dir},
                          [&] { return run_chart(*chart_options, load_options); });
  });

  auto manifests_options = std::make_shared<ChartArguments>();
  CLI::App* manifests = app.add_subcommand(
      "manifests", "Render every *.dhall file below SRC to a YAML file at the same path in OUT "
                   "(a list as one document per element), staged: OUT changes only when all "
                   "rendered");
  manifests->add_option("SRC", manifests_options->source_dir, "The Dhall sources")
      ->required()
      ->check(CLI::ExistingDirectory);
  manifests->add_option("OUT", manifests_options->output_dir, "The folder to write")->required();
  manifests->add_option("--exclude", manifests_options->excludes,
                        "A glob of sources that are not rendered, only imported (`types/**`); "
                        "repeatable");
  manifests->add_flag("--kustomization", manifests_options->kustomization,
                      "Write a kustomization.yaml listing the resources of each output folder");
  add_import_options(*manifests, manifests_options->imports);
  add_secret_options(*manifests, *manifests_options);
  add_memory_limit_option(*manifests);
  manifests->callback([manifests_options, &exit_code] {
    dhall::LoadOptions load_options = make_load_options(manifests_options->imports);
    exit_code = reporting({.subject = manifests_options->source_dir},
                          [&] { return run_manifests(*manifests_options, load_options); });
  });

  auto finish_arguments = std::make_shared<FinishArguments>();
  CLI::App* finish = app.add_subcommand(
      "chart-finish", "Check the dependencies of a generated chart against its subcharts, remove "
                      "outputs whose source is gone and write .helmignore (the build's "
                      "chart-level step)");
  finish->add_option("CHART_DIR", finish_arguments->chart_dir, "The generated chart")->required();
  finish->add_option("--outputs", finish_arguments->outputs_file,
                     "A file listing the chart's outputs, one per line: others are removed");
  auto* manifests_flag =
      finish->add_flag("--manifests", finish_arguments->manifests,
                       "CHART_DIR is a folder of plain manifests: no dependencies, no .helmignore");
  finish
      ->add_flag("--kustomization", finish_arguments->kustomization,
                 "With --manifests: write a kustomization.yaml in each folder of the outputs")
      ->needs(manifests_flag);
  finish->callback([finish_arguments, &exit_code] {
    exit_code = reporting({.subject = finish_arguments->chart_dir},
                          [&] { return run_finish(*finish_arguments); });
  });

  auto sync_arguments = std::make_shared<TreeArguments>();
  CLI::App* sync = app.add_subcommand(
      "chart-sync", "Make the committed copy of a chart equal to the generated one, writing "
                    "only files that changed and removing the files an earlier sync wrote that "
                    "are no longer generated (listed in COMMITTED/.polar-helm-files); files it "
                    "did not write are never touched");
  add_tree_arguments(*sync, *sync_arguments);
  sync->add_flag("--adopt", sync_arguments->adopt,
                 "Write into a folder holding files no sync wrote (a first sync into a folder "
                 "in use), taking over those the chart generates under the same names")
      ->envname("POLAR_HELM_SYNC_ADOPT");
  sync->add_flag("--dry-run", sync_arguments->dry_run,
                 "Say what would be written, updated, taken over and removed; change nothing");
  sync->callback([sync_arguments, &exit_code] {
    exit_code = reporting({.subject = sync_arguments->generated}, [&] {
      const TreeArguments& arguments = *sync_arguments;
      chart::TreeDifference difference =
          chart::compare_trees(arguments.generated, arguments.committed, arguments.excludes);
      print_unverified(difference);
      if (arguments.dry_run) {
        std::optional<std::string> refusal = chart::refusal(arguments.committed, difference);
        fmt::print("polar-helm: {}: dry run, nothing changed{}\n{}", arguments.committed,
                   refusal && !arguments.adopt ? " (and a sync would stop: " + *refusal + ")"
                                               : std::string(),
                   chart::describe_plan(difference));
        return exit_ok;
      }
      chart::apply_difference(arguments.generated, arguments.committed, difference,
                              arguments.adopt);
      for (const std::string& file : difference.stale) {
        fmt::print("polar-helm: removed {} (no longer generated)\n", file);
      }
      fmt::print("polar-helm: {}: {} written, {} updated, {} removed", arguments.committed,
                 difference.missing.size(), difference.changed.size(), difference.stale.size());
      if (!difference.unowned.empty()) {
        fmt::print(", {} taken over ({} rewritten)", difference.unowned.size(),
                   difference.unowned_changed.size());
      }
      fmt::print("\n");
      return exit_ok;
    });
  });

  auto drift_arguments = std::make_shared<TreeArguments>();
  CLI::App* drift = app.add_subcommand(
      "chart-drift", "Fail, with a diff, when the committed copy of a chart differs from the "
                     "generated one");
  add_tree_arguments(*drift, *drift_arguments);
  drift->add_option("--fix-hint", drift_arguments->fix_hint,
                    "The command that updates the committed copy, shown on drift");
  drift->callback([drift_arguments, &exit_code] {
    exit_code = reporting({.subject = drift_arguments->generated}, [&] {
      fs::path generated = drift_arguments->generated;
      // A chart has its Chart.yaml, a manifests folder the record its build writes.
      if (!fs::exists(generated / "Chart.yaml") && !chart::read_written_files(generated)) {
        fmt::print(stderr,
                   "polar-helm: error: {} has no Chart.yaml and no {}: build the chart or "
                   "manifests first\n",
                   generated.string(), chart::written_files_name);
        return exit_environment;
      }
      chart::TreeDifference difference =
          chart::compare_trees(generated, drift_arguments->committed, drift_arguments->excludes);
      print_unverified(difference);
      if (difference.empty()) {
        fmt::print("polar-helm: {} matches the generated chart\n", drift_arguments->committed);
        return exit_ok;
      }
      fmt::print("{}", chart::describe_drift(generated, drift_arguments->committed, difference));
      if (!drift_arguments->fix_hint.empty()) {
        fmt::print("\nTo update the committed copy: {}\n", drift_arguments->fix_hint);
      }
      return exit_input_error;
    });
  });
}

} // namespace polar::cli
