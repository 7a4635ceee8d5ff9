#include "import_yaml_command.h"

#include <fmt/core.h>
#include <fmt/format.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <system_error>

#include "import_options.h"
#include "memory_limit.h"
#include "output_file.h"
#include "report.h"
#include "schema/kubernetes_import.h"
#include "schema/kubernetes_package.h"
#include "yaml_inputs.h"

namespace polar::cli {
namespace {

namespace fs = std::filesystem;

struct ImportArgumentsForYaml {
  std::string file;
  std::string kubernetes;
  std::optional<fs::path> output;
  std::string package_import;
  bool skip_unknown = false;
  ImportArguments imports;
};

// How the generated file imports the package: a file by its path relative to
// where the output goes (the working directory for standard output), an
// expression as it was given.
std::string package_import(const ImportArgumentsForYaml& arguments) {
  if (!arguments.package_import.empty()) {
    return arguments.package_import;
  }
  std::error_code error;
  if (!fs::is_regular_file(arguments.kubernetes, error)) {
    return arguments.kubernetes;
  }
  fs::path base =
      arguments.output ? fs::absolute(*arguments.output).parent_path() : fs::current_path();
  fs::path relative =
      fs::absolute(arguments.kubernetes).lexically_normal().lexically_relative(base);
  std::string text = relative.generic_string();
  if (relative.empty()) {
    return fs::absolute(arguments.kubernetes).lexically_normal().generic_string();
  }
  return text.starts_with("../") ? text : "./" + text;
}

ExitCode import_yaml(const ImportArgumentsForYaml& arguments) {
  dhall::LoadOptions options = make_load_options(arguments.imports);
  schema::KubernetesPackage package(load_expression(arguments.kubernetes, options).value,
                                    "kubernetes");
  schema::YamlStream stream = read_yaml_stream(arguments.file);
  schema::KubernetesImport result = schema::import_kubernetes_yaml(
      stream, package, package_import(arguments), arguments.skip_unknown);
  for (const std::string& skipped : result.skipped) {
    fmt::print(stderr, "polar-helm: warning: left out a document of a kind the package lacks: {}\n",
               skipped);
  }
  write_output_or_stdout(arguments.output, result.source);
  return exit_ok;
}

} // namespace

void register_import_yaml_command(CLI::App& app, ExitCode& exit_code) {
  auto arguments = std::make_shared<ImportArgumentsForYaml>();
  auto* command = app.add_subcommand(
      "import-yaml", "Write Kubernetes YAML as Dhall through dhall-kubernetes schemas");
  command
      ->add_option("FILE", arguments->file, "The YAML file (a multi-document stream); - for stdin")
      ->required();
  command
      ->add_option("--kubernetes", arguments->kubernetes,
                   "dhall-kubernetes' package.dhall (a path or an expression)")
      ->required();
  command->add_option("--output", arguments->output,
                      "Write to this file (atomically) instead of standard output");
  command->add_option("--package-import", arguments->package_import,
                      "How the generated Dhall imports the package (default: the --kubernetes "
                      "path relative to the output)");
  command->add_flag("--skip-unknown", arguments->skip_unknown,
                    "Leave out documents whose kind the package lacks, with a warning (default: "
                    "an error)");
  add_import_options(*command, arguments->imports);
  add_memory_limit_option(*command);
  command->callback([arguments, &exit_code] {
    exit_code = finish_standard_output(
        reporting({.subject = arguments->file}, [&] { return import_yaml(*arguments); }));
  });
}

} // namespace polar::cli
