#include "validate_command.h"

#include <fmt/core.h>

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "import_options.h"
#include "memory_limit.h"
#include "report.h"
#include "schema/kubernetes_import.h"
#include "schema/kubernetes_package.h"
#include "yaml_inputs.h"

namespace polar::cli {
namespace {

struct ValidateArguments {
  std::vector<std::string> files;
  std::string type;
  std::string kubernetes;
  std::vector<std::string> ignored_kinds; // KIND or APIVERSION/KIND
  ImportArguments imports;
};

// Whether `--ignore-kind` lists the kind of document `index`: by its kind
// alone (`Certificate`) or with its apiVersion (`cert-manager.io/v1/Certificate`).
bool is_ignored(const schema::YamlStream& stream, std::size_t index,
                const std::vector<std::string>& ignored_kinds) {
  std::optional<std::string> kind = stream.top_level_string(index, "kind");
  if (!kind) {
    return false;
  }
  std::string qualified = stream.top_level_string(index, "apiVersion").value_or("") + "/" + *kind;
  return std::any_of(ignored_kinds.begin(), ignored_kinds.end(), [&](const std::string& ignored) {
    return ignored == (ignored.find('/') == std::string::npos ? *kind : qualified);
  });
}

// Checks every document of every file, reporting each mismatch; 1 when
// there was any.
ExitCode validate(const ValidateArguments& arguments) {
  dhall::LoadOptions options = make_load_options(arguments.imports);
  std::optional<dhall::Loaded> type;
  std::optional<schema::KubernetesPackage> package;
  if (!arguments.type.empty()) {
    type = load_expression(arguments.type, options);
    const auto* universe = type->type()->as<dhall::ConstRef>();
    if (universe == nullptr || universe->value != dhall::Const::type) {
      fmt::print(stderr, "error: --type {} is not a type of values\n", arguments.type);
      return exit_usage_error;
    }
  } else {
    package.emplace(load_expression(arguments.kubernetes, options).value, "kubernetes");
  }
  std::size_t checked = 0;
  std::size_t failed = 0;
  std::map<std::string, std::size_t> skipped; // "apiVersion kind" -> documents
  for (const std::string& file : arguments.files) {
    schema::YamlStream stream = read_yaml_stream(file);
    for (std::size_t index = 0; index < stream.size(); ++index) {
      if (stream.is_empty(index)) {
        continue;
      }
      if (package && is_ignored(stream, index, arguments.ignored_kinds)) {
        ++skipped[fmt::format("{} {}", stream.top_level_string(index, "apiVersion").value_or("?"),
                              stream.top_level_string(index, "kind").value_or("?"))];
        continue;
      }
      ++checked;
      try {
        stream.check(index, type ? type->value : schema::select_kind(stream, index, *package).type);
      } catch (const dhall::Error& error) {
        ++failed;
        fmt::print(stderr, "{}\n", error.format());
      }
    }
  }
  // Never silent: what --ignore-kind left out is said, kind by kind.
  for (const auto& [kind, count] : skipped) {
    fmt::print(stderr, "polar-helm: note: {} document{} of kind {} not checked (--ignore-kind)\n",
               count, count == 1 ? "" : "s", kind);
  }
  if (failed > 0) {
    fmt::print(stderr, "polar-helm: {} of {} documents do not fit\n", failed, checked);
    return exit_input_error;
  }
  fmt::print("polar-helm: {} documents fit\n", checked);
  return exit_ok;
}

} // namespace

void register_validate_command(CLI::App& app, ExitCode& exit_code) {
  auto arguments = std::make_shared<ValidateArguments>();
  auto* command = app.add_subcommand(
      "validate", "Check YAML documents against a Dhall type (as yaml-to-dhall reads them)");
  command->add_option("FILE", arguments->files, "YAML files, multi-document streams; - for stdin")
      ->required();
  auto* type = command->add_option("--type", arguments->type,
                                   "The Dhall type every document must have (an expression, or "
                                   "a file holding one)");
  auto* kubernetes = command->add_option(
      "--kubernetes", arguments->kubernetes,
      "dhall-kubernetes' package.dhall (a path or an expression): each document is checked "
      "against the type its apiVersion and kind select");
  command
      ->add_option("--ignore-kind", arguments->ignored_kinds,
                   "With --kubernetes: leave out documents of this kind (KIND, or "
                   "APIVERSION/KIND such as cert-manager.io/v1/Certificate), e.g. custom "
                   "resources the package does not know; they are counted, not checked. "
                   "Repeatable")
      ->needs(kubernetes);
  type->excludes(kubernetes);
  add_import_options(*command, arguments->imports);
  add_memory_limit_option(*command);
  command->callback([arguments, &exit_code] {
    if (arguments->type.empty() && arguments->kubernetes.empty()) {
      throw CLI::RequiredError("--type or --kubernetes");
    }
    exit_code = finish_standard_output(
        reporting({.subject = arguments->files.front()}, [&] { return validate(*arguments); }));
  });
}

} // namespace polar::cli
