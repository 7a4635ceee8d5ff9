#include "render_command.h"

#include <fmt/core.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "chart/environment_stamp.h"
#include "chart/files.h"
#include "chart/glob.h"
#include "chart/secret_encryption.h"
#include "chart/secret_placeholder.h"
#include "encrypt_command.h"
#include "import_options.h"
#include "imports/redact.h"
#include "input.h"
#include "memory_limit.h"
#include "output_file.h"
#include "render/render.h"
#include "report.h"
#include "secrets/error.h"
#include "secrets/filter_command.h"
#include "support/file_io.h"
#include "syntax/header.h"
#include "variables_check.h"
#include "version.h"

namespace polar::cli {
namespace {

namespace fs = std::filesystem;

// Which command line is being read: polar-helm's `render`, or one of the
// tools it stands in for (each takes only the flags the original takes).
enum class Tool { render, dhall_to_yaml, dhall_to_json };

struct RenderArguments {
  Input input;
  ImportArguments imports; // flags only for `render`; the drop-ins read the environment
  std::optional<fs::path> output;
  std::optional<fs::path> depfile;
  std::optional<fs::path> depfile_target;
  std::optional<fs::path> env_stamp;
  std::optional<fs::path> variables_check_list;
  bool json = false;
  bool compact = false;
  bool omit_empty = false;
  bool preserve_null = false;
  std::string key = "mapKey";
  std::string value = "mapValue";
  bool no_maps = false;
  bool approximate_special_doubles = false;
  bool documents = false;
  bool quoted = false;
  bool generated_comment = false;
  bool preserve_header = false;
  // A secret file: encrypted in memory before anything is written.
  std::vector<std::string> age;
  std::optional<std::string> encrypted_regex;
  std::optional<fs::path> sops_config_from;
  std::string encrypt_command;
  std::optional<fs::path> previous;
  bool secrets_placeholder = false; // or POLAR_HELM_SECRETS_PLACEHOLDER
  std::string secrets_pattern = "*-secret.dhall";

  bool encrypted() const { return !age.empty() || sops_config_from || !encrypt_command.empty(); }
};

void add_encryption_options(CLI::App& command, RenderArguments& arguments) {
  auto* age = command.add_option("--age", arguments.age,
                                 "Encrypt the output (sops format) for this age recipient; "
                                 "repeatable");
  auto* sops_config = command.add_option(
      "--sops-config-from", arguments.sops_config_from,
      "Encrypt the output for the recipients of the creation rule for this path in the nearest "
      ".sops.yaml at or above it");
  auto* encrypt_command = command.add_option(
      "--encrypt-command", arguments.encrypt_command,
      "Encrypt the output with this command (shell-like words), which reads the plaintext YAML "
      "on its standard input and writes the sops file on its standard output");
  age->excludes(sops_config)->excludes(encrypt_command);
  sops_config->excludes(encrypt_command);
  add_encrypted_regex_option(command, arguments.encrypted_regex)->needs(age);
  command.add_option("--previous", arguments.previous,
                     "The current encrypted file: kept byte for byte when it decrypts (with "
                     "SOPS_AGE_KEY_FILE or SOPS_AGE_KEY) to the same content");
  command.add_flag("--secrets-placeholder", arguments.secrets_placeholder,
                   "CI without secret values (also POLAR_HELM_SECRETS_PLACEHOLDER=1): unset "
                   "environment variables read as a placeholder, and the output is the --previous "
                   "file when it has the structure of the placeholder render (else an error)");
}

void add_options(CLI::App& command, RenderArguments& arguments, Tool tool) {
  command.add_option("--file", arguments.input.file,
                     "Read the expression from this file instead of standard input");
  command.add_option("--output", arguments.output,
                     "Write to this file (atomically) instead of standard output");
  // dhall-json's --explain adds to a type error what the offending value's
  // type is and what was expected (and a tutorial on the rule); our
  // messages always say both (docs/rendering.md), so the flag changes nothing.
  command.add_flag("--explain")
      ->description("Explain errors in detail (they always are: accepted for compatibility)");

  auto* omit_empty = command.add_flag("--omit-empty", arguments.omit_empty,
                                      "Omit record fields that are null or empty records");
  auto* preserve_null =
      command.add_flag("--preserve-null", arguments.preserve_null, "Keep fields that are null");
  omit_empty->excludes(preserve_null);

  auto* key = command.add_option("--key", arguments.key,
                                 "Reserved key field name for association lists (default: mapKey)");
  auto* value =
      command.add_option("--value", arguments.value,
                         "Reserved value field name for association lists (default: mapValue)");
  auto* no_maps = command.add_flag("--no-maps", arguments.no_maps,
                                   "Disable conversion of association lists to objects");
  no_maps->excludes(key)->excludes(value);
  command.add_flag("--approximate-special-doubles", arguments.approximate_special_doubles,
                   "Write NaN as null and ±Infinity as the largest finite Double");

  CLI::Option* json = nullptr;
  if (tool == Tool::render) {
    json = command.add_flag("--json", arguments.json, "Write JSON instead of YAML");
    auto* depfile = command.add_option(
        "--depfile", arguments.depfile,
        "Write a Make/Ninja depfile listing every local file read (needs --output)");
    depfile->needs(command.get_option("--output"));
    command
        .add_option("--depfile-target", arguments.depfile_target,
                    "The output as the build tool names it in the depfile (default: --output); "
                    "Ninja wants its own path, relative to the top of the build tree")
        ->needs(depfile);
    command
        .add_option("--env-stamp", arguments.env_stamp,
                    "Record the environment variables read in this file for env-check (values "
                    "only when the output is not encrypted); written only when it changes")
        ->needs(command.get_option("--output"));
    command.add_option("--variables-check-list", arguments.variables_check_list,
                       "A file naming the chart's sources, one per line: when the render fails "
                       "and they read variables that are not set, name all of them at once "
                       "(inputs --check)");
    add_import_options(command, arguments.imports);
    add_encryption_options(command, arguments);
    command
        .add_option("--secrets-pattern", arguments.secrets_pattern,
                    "An input whose path matches this glob is secret: its errors hide values, "
                    "as in a chart")
        ->capture_default_str();
    add_memory_limit_option(command);
  }
  if (tool != Tool::dhall_to_json) {
    CLI::Option* yaml_only[] = {
        command.add_flag("--documents", arguments.documents,
                         "If given a list, write a YAML document for every element"),
        command.add_flag("--quoted", arguments.quoted, "Quote every string and key"),
        command.add_flag("--generated-comment", arguments.generated_comment,
                         "Start with a comment saying the file is generated"),
        command.add_flag("--preserve-header", arguments.preserve_header,
                         "Copy the comments before the expression as YAML comments"),
    };
    for (CLI::Option* option : yaml_only) {
      if (json) {
        option->excludes(json);
      }
    }
  }
  if (tool != Tool::dhall_to_yaml) {
    auto* compact = command.add_flag("--compact", arguments.compact, "Write JSON on one line");
    auto* pretty =
        command.add_flag("--pretty")->description("Write JSON over several lines (the default)");
    compact->excludes(pretty);
    if (json) {
      compact->needs(json);
      pretty->needs(json);
    }
  }
}

render::RenderOptions render_options(const RenderArguments& arguments, Tool tool,
                                     std::string_view dhall_header) {
  render::RenderOptions options;
  bool json = tool == Tool::dhall_to_json || (tool == Tool::render && arguments.json);
  options.format = json ? render::OutputFormat::json : render::OutputFormat::yaml;
  options.conversion = render::ConversionOptions{
      .association_lists_as_objects = !arguments.no_maps,
      .map_key = arguments.key,
      .map_value = arguments.value,
      .approximate_special_doubles = arguments.approximate_special_doubles,
  };
  options.omission = arguments.omit_empty      ? render::Omission::empty
                     : arguments.preserve_null ? render::Omission::none
                                               : render::Omission::null_fields;
  options.json_layout =
      arguments.compact ? render::JsonLayout::compact : render::JsonLayout::pretty;
  options.yaml = render::YamlOptions{
      .documents = arguments.documents,
      .quoted = arguments.quoted,
      .generated_comment = arguments.generated_comment,
      .dhall_header = std::string(dhall_header),
  };
  return options;
}

// Whether --output and --depfile name one file, directly, through symlinks
// or as hard links: the depfile would overwrite the output.
bool same_file(const fs::path& output, const fs::path& depfile) {
  try {
    if (dhall::output_file_target(output) == dhall::output_file_target(depfile)) {
      return true;
    }
  } catch (const dhall::Error&) {
    return false; // the write says why it cannot be written
  }
  std::error_code error;
  return fs::equivalent(output, depfile, error) && !error;
}

// Whether the input is a secret file by the secrets pattern: its errors are
// redacted as those of the chart build (docs/secrets.md).
bool is_secret_input(const RenderArguments& arguments) {
  return arguments.input.file &&
         chart::glob_matches(arguments.secrets_pattern, arguments.input.file->generic_string());
}

// Replaces the rendered `text` by its encryption; an exit code on failure,
// after a message that never holds a value.
std::optional<ExitCode> encrypt(const RenderArguments& arguments, std::string& text) {
  std::string name = arguments.output ? arguments.output->string() : "(stdout)";
  try {
    chart::SecretEncryption encryption;
    if (!arguments.encrypt_command.empty()) {
      encryption.command = secrets::split_command_line(arguments.encrypt_command);
    }
    encryption.age_recipients = arguments.age;
    encryption.encrypted_regex = arguments.encrypted_regex;
    encryption.sops_config_for = arguments.sops_config_from;
    std::optional<std::string> previous;
    std::error_code error;
    if (arguments.previous && fs::is_regular_file(*arguments.previous, error)) {
      previous = dhall::read_regular_file(*arguments.previous);
    }
    if (arguments.secrets_placeholder) {
      text = chart::check_placeholder_secret(text, name, encryption, previous);
      fmt::print(stderr,
                 "note: {}: secrets placeholder mode: rendered from placeholders and compared "
                 "with the committed copy by structure only (values not compared); the output "
                 "is the committed copy\n",
                 name);
      return std::nullopt;
    }
    chart::EncryptedSecret encrypted = chart::encrypt_secret(text, name, encryption, previous);
    if (!encrypted.replaced_because.empty()) {
      fmt::print(stderr, "note: {} re-encrypted: {}\n", name, encrypted.replaced_because);
    }
    text = std::move(encrypted.text);
    return std::nullopt;
  } catch (const secrets::Error& error) {
    fmt::print(stderr, "error: encrypting {}: {}\n", name, error.what());
    return error.kind() == secrets::ErrorKind::input ? exit_input_error : exit_environment;
  } catch (const dhall::Error& error) {
    fmt::print(stderr, "error: cannot read the previous file {}\n", arguments.previous->string());
    return exit_environment;
  }
}

// Runs `render` (a render of the loaded value), hiding values in its
// error when `hide_values`.
template <typename Render>
void redacting(bool hide_values, Render&& render) {
  try {
    render();
  } catch (const dhall::Error& error) {
    if (hide_values) {
      throw dhall::without_values(error);
    }
    throw;
  }
}

// Loads, then renders into the output as the text comes (StreamedOutput):
// on an error in the input no file is touched, the output being renamed into
// place only once the render is complete. An encrypted output is rendered
// whole first (encryption needs all of it). `hide_values`: the input is
// secret.
ExitCode render_and_write(const RenderArguments& arguments, Tool tool,
                          const dhall::LoadOptions& load_options, bool hide_values) {
  dhall::Loaded loaded;
  render::RenderOptions options;
  redacting(hide_values, [&] {
    // --preserve-header reads the input's text itself (read_input).
    dhall::SourcePtr source = arguments.preserve_header ? read_input(arguments.input) : nullptr;
    loaded = source ? load_input(arguments.input, source, load_options)
                    : load_input(arguments.input, load_options);
    options =
        render_options(arguments, tool, source ? dhall::header_of(source) : std::string_view());
  });
  // A secret's message could quote a value read from env: or a file.
  hide_values = hide_values || loaded.read_sensitive_values;
  options.conversion.map_keys_in_errors = !hide_values;
  StreamedOutput output(arguments.output);
  if (arguments.encrypted()) {
    std::string text;
    redacting(hide_values, [&] { text = render::render(loaded.value, options); });
    if (std::optional<ExitCode> failed = encrypt(arguments, text)) {
      return *failed;
    }
    output.write(text);
  } else {
    redacting(hide_values, [&] { render::render(loaded.value, options, output); });
  }
  std::string depfile;
  if (arguments.depfile) {
    depfile =
        depfile_text(arguments.depfile_target.value_or(*arguments.output), loaded.dependencies);
  }
  if (arguments.env_stamp) {
    // Before the output is complete, so that the output is the newer file.
    chart::StampValues values =
        arguments.encrypted() ? chart::StampValues::withheld : chart::StampValues::recorded;
    try {
      chart::record_environment_reads(*arguments.env_stamp, loaded.environment_variables, values,
                                      load_options.environment ? load_options.environment
                                                               : dhall::process_environment());
    } catch (const chart::ChartError& error) {
      throw EnvironmentError(error.what());
    }
  }
  output.commit();
  if (arguments.depfile) {
    write_output(*arguments.depfile, depfile);
  }
  return exit_ok;
}

// Renders, with the secret placeholders of docs/secrets.md when asked.
ExitCode render_with_placeholders_if_asked(const RenderArguments& arguments, Tool tool,
                                           const dhall::LoadOptions& load_options,
                                           bool hide_values) {
  RenderArguments effective = arguments;
  effective.secrets_placeholder = arguments.encrypted() && (arguments.secrets_placeholder ||
                                                            chart::secrets_placeholder_requested());
  if (!effective.secrets_placeholder) {
    return render_and_write(arguments, tool, load_options, hide_values);
  }
  dhall::LoadOptions placeholders = load_options;
  placeholders.environment = chart::with_secret_placeholders(
      load_options.environment ? load_options.environment : dhall::process_environment());
  return render_and_write(effective, tool, placeholders, hide_values);
}

// With --variables-check-list, after a failed render: the chart's unset
// variables, all of them, as the variables check reports them (exit 1), or
// nullopt when there is none (the render's own error stands).
std::optional<ExitCode> report_missing_variables(const RenderArguments& arguments) {
  if (!arguments.variables_check_list) {
    return std::nullopt;
  }
  std::string message;
  try {
    message =
        missing_variables_message(*arguments.variables_check_list, dhall::process_environment());
  } catch (const dhall::Error&) {
    return std::nullopt; // a source that does not parse: the render's error says so
  }
  if (message.empty()) {
    return std::nullopt;
  }
  fmt::print(stderr, "polar-helm: error: {}", message);
  return exit_input_error;
}

ExitCode run_render(const RenderArguments& arguments, Tool tool,
                    const dhall::LoadOptions& load_options) {
  if (arguments.depfile && same_file(*arguments.output, *arguments.depfile)) {
    fmt::print(stderr, "polar-helm: error: --depfile {} and --output {} are the same file\n",
               arguments.depfile->string(), arguments.output->string());
    return exit_usage_error;
  }
  ReportContext context{.subject = input_name(arguments.input),
                        .hide_values = arguments.encrypted() || is_secret_input(arguments)};
  return reporting(context, [&] {
    try {
      return render_with_placeholders_if_asked(arguments, tool, load_options, context.hide_values);
    } catch (...) {
      // An edit made since the chart's variables check ran may read a
      // variable that is not set: report every such variable of the chart
      // at once, as that check does, instead of this render's error.
      if (std::optional<ExitCode> reported = report_missing_variables(arguments)) {
        return *reported;
      }
      throw;
    }
  });
}

} // namespace

void register_render_command(CLI::App& app, ExitCode& exit_code) {
  auto arguments = std::make_shared<RenderArguments>();
  auto* render = app.add_subcommand(
      "render", "Render a Dhall expression as YAML (or JSON), as dhall-to-yaml/dhall-to-json do");
  add_options(*render, *arguments, Tool::render);
  render->callback([arguments, &exit_code] {
    exit_code = run_render(*arguments, Tool::render, make_load_options(arguments->imports));
  });
}

int run_drop_in(std::string_view program_name, int argc, char** argv) {
  Tool tool = program_name == "dhall-to-yaml"   ? Tool::dhall_to_yaml
              : program_name == "dhall-to-json" ? Tool::dhall_to_json
                                                : Tool::render;
  if (tool == Tool::render) {
    return -1;
  }
  CLI::App app{tool == Tool::dhall_to_yaml ? "Compile Dhall to YAML" : "Compile Dhall to JSON",
               std::string(program_name)};
  app.set_version_flag("--version",
                       fmt::format("polar-helm {} (as {})", POLAR_HELM_VERSION, program_name));
  RenderArguments arguments;
  add_options(app, arguments, tool);
  dhall::LoadOptions load_options;
  try {
    app.parse(argc, argv);
    load_options = make_load_options(arguments.imports);
  } catch (const CLI::ParseError& error) {
    return app.exit(error) == 0 ? exit_ok : exit_usage_error;
  }
  return run_render(arguments, tool, load_options);
}

} // namespace polar::cli
