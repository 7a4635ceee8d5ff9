#include "inputs_command.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "chart/files.h"
#include "imports/environment.h"
#include "imports/inputs.h"
#include "render/depfile.h"
#include "render/string_escape.h"

namespace polar::cli {
namespace {

namespace fs = std::filesystem;

struct InputsArguments {
  std::vector<fs::path> files;
  bool json = false;
  bool markdown = false;
  bool check = false;
  std::optional<fs::path> stamp;
  std::optional<fs::path> depfile;
  std::optional<fs::path> depfile_target;
};

using FileInputs = std::vector<std::pair<fs::path, dhall::Inputs>>;

std::string pin_text(const std::optional<dhall::Sha256>& pin) {
  return pin ? "sha256:" + dhall::to_hex(*pin) : std::string();
}

const char* mode_name(dhall::ImportMode mode) {
  switch (mode) {
  case dhall::ImportMode::raw_text:
    return "Text";
  case dhall::ImportMode::raw_bytes:
    return "Bytes";
  case dhall::ImportMode::location:
    return "Location";
  case dhall::ImportMode::code:
    break;
  }
  return "code";
}

const char* optionality_name(dhall::Optionality optionality) {
  switch (optionality) {
  case dhall::Optionality::fallback:
    return "optional (`?` fallback)";
  case dhall::Optionality::location:
    return "optional (only `as Location`, not read)";
  case dhall::Optionality::required:
    break;
  }
  return "required";
}

// "file" of "file:line:column".
std::string file_of(const std::string& position) {
  std::string file = position;
  for (int part = 0; part < 2; ++part) {
    file = file.substr(0, file.rfind(':'));
  }
  return file;
}

std::string joined_json(const std::vector<std::string>& texts) {
  std::string out = "[";
  for (const std::string& text : texts) {
    out += out.size() > 1 ? ", " : "";
    render::append_json_string(out, text);
  }
  return out + "]";
}

std::string json_string(const std::string& text) {
  std::string out;
  render::append_json_string(out, text);
  return out;
}

std::string json_pin(const std::optional<dhall::Sha256>& pin) {
  return pin ? json_string(pin_text(pin)) : "null";
}

void print_json(const FileInputs& all) {
  std::string out = "{\n  \"files\": [";
  bool first_file = true;
  for (const auto& [file, inputs] : all) {
    out += first_file ? "\n" : ",\n";
    first_file = false;
    out += "    {\n      \"file\": " + json_string(file.string()) + ",\n      \"variables\": [";
    for (std::size_t i = 0; i < inputs.variables.size(); ++i) {
      const auto& variable = inputs.variables[i];
      out += fmt::format("{}\n        {{ \"name\": {}, \"required\": {}, \"optional_because\": {}, "
                         "\"read_at\": {} }}",
                         i == 0 ? "" : ",", json_string(variable.name),
                         variable.optionality == dhall::Optionality::required ? "true" : "false",
                         variable.optionality == dhall::Optionality::fallback   ? "\"fallback\""
                         : variable.optionality == dhall::Optionality::location ? "\"location\""
                                                                                : "null",
                         joined_json(variable.read_at));
    }
    out += inputs.variables.empty() ? "],\n" : "\n      ],\n";
    out += "      \"local\": [";
    for (std::size_t i = 0; i < inputs.files.size(); ++i) {
      const auto& input = inputs.files[i];
      out += fmt::format("{}\n        {{ \"location\": {}, \"mode\": \"{}\", \"pin\": {}, "
                         "\"exists\": {}, \"optional\": {}, \"read_at\": {} }}",
                         i == 0 ? "" : ",", json_string(input.location), mode_name(input.mode),
                         json_pin(input.pin), input.exists, input.optional,
                         joined_json(input.read_at));
    }
    out += inputs.files.empty() ? "],\n" : "\n      ],\n";
    out += "      \"remote\": [";
    for (std::size_t i = 0; i < inputs.remotes.size(); ++i) {
      const auto& input = inputs.remotes[i];
      out += fmt::format("{}\n        {{ \"url\": {}, \"pin\": {}, \"optional\": {}, "
                         "\"read_at\": {} }}",
                         i == 0 ? "" : ",", json_string(input.url), json_pin(input.pin),
                         input.optional, joined_json(input.read_at));
    }
    out += inputs.remotes.empty() ? "]\n    }" : "\n      ]\n    }";
  }
  out += "\n  ]\n}\n";
  fmt::print("{}", out);
}

// The table of variables a README needs: each variable once, over all files.
void print_markdown(const FileInputs& all) {
  struct Row {
    dhall::Optionality optionality = dhall::Optionality::location;
    bool always_read = false; // not only as an alternative of `?`
    std::set<std::string> files;
  };
  std::map<std::string, Row> rows;
  for (const auto& [file, inputs] : all) {
    for (const auto& variable : inputs.variables) {
      Row& row = rows[variable.name];
      row.optionality = std::min(row.optionality, variable.optionality);
      row.always_read = row.always_read || !variable.always_read_at.empty();
      for (const auto& position : variable.read_at) {
        row.files.insert(file_of(position));
      }
    }
  }
  fmt::print("| Variable | Required | Read by |\n|---|---|---|\n");
  for (const auto& [name, row] : rows) {
    std::string files;
    for (const auto& file : row.files) {
      files += (files.empty() ? "`" : ", `") + file + "`";
    }
    // Read only after a `?`: needed when what precedes it is absent.
    bool alternative = row.optionality == dhall::Optionality::required && !row.always_read;
    fmt::print("| `{}` | {} | {} |\n", name,
               alternative ? "if what precedes its `?` is absent"
               : row.optionality == dhall::Optionality::required ? "yes"
               : row.optionality == dhall::Optionality::fallback ? "no (a `?` fallback)"
                                                                 : "no (only `as Location`)",
               files);
  }
}

void print_text(const FileInputs& all) {
  for (const auto& [file, inputs] : all) {
    fmt::print("{}\n", file.string());
    for (const auto& variable : inputs.variables) {
      fmt::print("  env   {}  {}  ({})\n", variable.name, optionality_name(variable.optionality),
                 fmt::join(variable.read_at, ", "));
    }
    for (const auto& input : inputs.files) {
      fmt::print(
          "  file  {}{}{}{}{}\n", input.location,
          input.mode == dhall::ImportMode::code ? "" : std::string(" as ") + mode_name(input.mode),
          input.pin ? " " + pin_text(input.pin) : "", input.exists ? "" : "  (missing)",
          input.optional ? "  (optional)" : "");
    }
    for (const auto& input : inputs.remotes) {
      fmt::print("  url   {}{}{}\n", input.url,
                 input.pin ? " " + pin_text(input.pin) : "  (no pin)",
                 input.optional ? "  (optional)" : "");
    }
  }
}

// The files the walk read: the ones named and the local files they import as
// code, so that the build checks again when one of them changes.
std::vector<fs::path> files_read(const FileInputs& all) {
  std::vector<fs::path> files;
  for (const auto& [file, inputs] : all) {
    files.push_back(fs::absolute(file).lexically_normal());
    for (const dhall::FileInput& input : inputs.files) {
      if (input.exists && input.mode == dhall::ImportMode::code && !input.path.empty()) {
        files.push_back(fs::absolute(input.path).lexically_normal());
      }
    }
  }
  std::ranges::sort(files);
  auto [first, last] = std::ranges::unique(files);
  files.erase(first, last);
  return files;
}

// --check: one message naming every variable the files always read that is
// not set; never a value. With --stamp (the build's check step) the stamp is
// created once the check passes and otherwise left as it is, so that the
// renders after it run again only when it is new.
ExitCode run_check(const InputsArguments& arguments, const FileInputs& all) {
  std::vector<dhall::Inputs> inputs;
  for (const auto& [file, file_inputs] : all) {
    inputs.push_back(file_inputs);
  }
  if (arguments.depfile) {
    chart::write_file_atomically(
        *arguments.depfile,
        render::format_depfile(arguments.depfile_target.value_or(*arguments.stamp),
                               files_read(all)),
        dhall::Durability::unflushed);
  }
  std::vector<dhall::MissingVariable> missing =
      dhall::missing_variables(inputs, dhall::process_environment());
  if (!missing.empty()) {
    fmt::print(stderr, "polar-helm: error: {}", dhall::describe_missing_variables(missing));
    return exit_input_error;
  }
  if (arguments.stamp && !fs::exists(*arguments.stamp)) {
    chart::write_file_atomically(*arguments.stamp,
                                 "polar-helm inputs --check: every variable read is set\n",
                                 dhall::Durability::unflushed);
  }
  return exit_ok;
}

ExitCode run_inputs(const InputsArguments& arguments) {
  dhall::LoadOptions options; // the process's directory and HOME; nothing is fetched
  FileInputs all;
  try {
    for (const fs::path& file : arguments.files) {
      all.emplace_back(file, dhall::find_inputs(file, options));
    }
  } catch (const dhall::Error& error) {
    fmt::print(stderr, "{}", error.format());
    return exit_input_error;
  }
  if (arguments.check) {
    try {
      return run_check(arguments, all);
    } catch (const chart::ChartError& error) {
      fmt::print(stderr, "polar-helm: error: {}\n", error.what());
      return exit_environment;
    } catch (const dhall::Error& error) { // a depfile cannot name a path with a line break
      fmt::print(stderr, "{}", error.format());
      return exit_environment;
    }
  }
  if (arguments.json) {
    print_json(all);
  } else if (arguments.markdown) {
    print_markdown(all);
  } else {
    print_text(all);
  }
  return exit_ok;
}

} // namespace

void register_inputs_command(CLI::App& app, ExitCode& exit_code) {
  auto arguments = std::make_shared<InputsArguments>();
  auto* inputs = app.add_subcommand(
      "inputs", "List the environment variables, local files and remote URLs Dhall files read "
                "(from their text and their local imports; no value is read)");
  inputs->add_option("FILE", arguments->files, "The Dhall files")->required();
  auto* json = inputs->add_flag("--json", arguments->json, "Print JSON");
  auto* markdown = inputs->add_flag(
      "--markdown", arguments->markdown,
      "Print the Markdown table of the variables required at render time, for a README");
  auto* check = inputs->add_flag(
      "--check", arguments->check,
      "Print nothing but, when some variable the files read on every load is not set, one error "
      "naming each such variable and where it is read, and exit 1 (no value is read)");
  json->excludes(markdown);
  check->excludes(json)->excludes(markdown);
  auto* stamp = inputs
                    ->add_option("--stamp", arguments->stamp,
                                 "With --check: create this file when the check passes (a build "
                                 "step's output; an existing one is left as it is)")
                    ->needs(check);
  auto* depfile = inputs
                      ->add_option("--depfile", arguments->depfile,
                                   "With --stamp: write a Make/Ninja depfile listing the files "
                                   "the check read")
                      ->needs(stamp);
  inputs
      ->add_option("--depfile-target", arguments->depfile_target,
                   "The stamp as the build tool names it in the depfile (default: --stamp)")
      ->needs(depfile);
  inputs->callback([arguments, &exit_code] { exit_code = run_inputs(*arguments); });
}

} // namespace polar::cli
