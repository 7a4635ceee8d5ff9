#include "text_command.h"

#include <memory>
#include <optional>

#include "import_options.h"
#include "input.h"
#include "memory_limit.h"
#include "output_file.h"
#include "report.h"
#include "semantics/eval.h"
#include "tooling/diff.h"

namespace polar::cli {
namespace {

namespace fs = std::filesystem;

struct TextArguments {
  Input input;
  std::optional<fs::path> output;
  ImportArguments imports;
};

// The text of a Text expression, or a type error showing how its type
// differs from Text, as dhall text reports it (an annotation mismatch).
std::string text_of(const dhall::Loaded& loaded) {
  const auto* builtin = loaded.type()->as<dhall::BuiltinRef>();
  if (builtin == nullptr || builtin->builtin != dhall::Builtin::text) {
    auto difference = dhall::diff_expressions(
        loaded.type(), dhall::make_expr(dhall::BuiltinRef{dhall::Builtin::text}));
    throw dhall::Error(dhall::ErrorKind::type,
                       "Expression doesn't match annotation: `text` prints an expression of "
                       "type Text\n\n" +
                           difference.shown);
  }
  auto normal_form = loaded.normal_form();
  const auto* text = normal_form->as<dhall::TextLit>();
  if (text == nullptr || !text->chunks.empty()) {
    // A closed Text normalizes to a literal; this is the net under that.
    throw dhall::Error(dhall::ErrorKind::type, "the Text did not normalize to a literal");
  }
  return text->tail;
}

ExitCode run_text(const TextArguments& arguments) {
  std::string text = text_of(load_input(arguments.input, make_load_options(arguments.imports)));
  write_output_or_stdout(arguments.output, text);
  return exit_ok;
}

} // namespace

void register_text_command(CLI::App& app, ExitCode& exit_code) {
  auto arguments = std::make_shared<TextArguments>();
  auto* text = app.add_subcommand(
      "text", "Print a Text expression as it is: no quotes, no escapes, no newline added");
  text->add_option("--file", arguments->input.file,
                   "Read the expression from this file (default: stdin)");
  text->add_option("--output", arguments->output, "Write the text to this file (atomically)");
  add_memory_limit_option(*text);
  add_import_options(*text, arguments->imports);
  text->callback([arguments, &exit_code] {
    exit_code =
        reporting({.subject = input_name(arguments->input)}, [&] { return run_text(*arguments); });
  });
}

} // namespace polar::cli
