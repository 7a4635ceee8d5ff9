#include "schema_command.h"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "import_options.h"
#include "input.h"
#include "memory_limit.h"
#include "output_file.h"
#include "render/json_writer.h"
#include "report.h"
#include "schema/values_schema.h"
#include "semantics/eval.h"

namespace polar::cli {
namespace {

namespace fs = std::filesystem;

struct SchemaArguments {
  Input input;
  ImportArguments imports;
  std::optional<fs::path> output;
  std::optional<fs::path> depfile;
  std::optional<fs::path> depfile_target;
  std::vector<std::string> subcharts;
  bool plain = false;
};

// Everything is computed before anything is written.
ExitCode write_schema(const SchemaArguments& arguments) {
  dhall::Loaded loaded = load_input(arguments.input, make_load_options(arguments.imports));
  dhall::ValuePtr type = loaded.type_value;
  render::Json schema = arguments.plain ? schema::json_schema(type)
                                        : schema::chart_values_schema(type, arguments.subcharts);
  std::string text = render::write_json(schema);
  std::string depfile;
  if (arguments.depfile) {
    depfile =
        depfile_text(arguments.depfile_target.value_or(*arguments.output), loaded.dependencies);
  }
  write_output_or_stdout(arguments.output, text);
  if (arguments.depfile) {
    write_output(*arguments.depfile, depfile);
  }
  return exit_ok;
}

} // namespace

void register_schema_command(CLI::App& app, ExitCode& exit_code) {
  auto arguments = std::make_shared<SchemaArguments>();
  auto* command = app.add_subcommand(
      "schema", "Print the JSON Schema of the type of an expression (values.schema.json)");
  command->add_option("--file", arguments->input.file,
                      "Read the expression from this file (default: stdin)");
  auto* output = command->add_option("--output", arguments->output,
                                     "Write to this file (atomically) instead of standard output");
  auto* depfile = command->add_option(
      "--depfile", arguments->depfile,
      "Write a Make/Ninja depfile listing every local file read (needs --output)");
  depfile->needs(output);
  command
      ->add_option("--depfile-target", arguments->depfile_target,
                   "The output as the build tool names it in the depfile (default: --output)")
      ->needs(depfile);
  auto* subchart = command->add_option(
      "--subchart", arguments->subcharts,
      "The chart has a subchart of this name, whose values Helm adds under it; repeatable");
  command
      ->add_flag("--plain", arguments->plain,
                 "The schema of the type alone, without the keys Helm adds to a chart's values "
                 "(global, subcharts)")
      ->excludes(subchart);
  add_import_options(*command, arguments->imports);
  add_memory_limit_option(*command);
  command->callback([arguments, &exit_code] {
    exit_code = finish_standard_output(reporting({.subject = input_name(arguments->input)},
                                                 [&] { return write_schema(*arguments); }));
  });
}

} // namespace polar::cli
