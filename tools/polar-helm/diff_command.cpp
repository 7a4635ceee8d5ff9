#include "diff_command.h"

#include <fmt/core.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <system_error>

#include <unistd.h>

#include "import_options.h"
#include "input.h"
#include "memory_limit.h"
#include "report.h"
#include "semantics/eval.h"
#include "tooling/diff.h"

namespace polar::cli {
namespace {

namespace fs = std::filesystem;

struct DiffArguments {
  std::string left, right;
  bool plain = false;
  ImportArguments imports;
};

// dhall diff's colours on a terminal (unless --plain or NO_COLOR); in a
// file or a CI log, `[-old-]{+new+}`, readable without a terminal.
dhall::DiffMarks marks_for(const DiffArguments& arguments) {
  bool terminal = ::isatty(STDOUT_FILENO) == 1;
  return terminal && !arguments.plain && std::getenv("NO_COLOR") == nullptr
             ? dhall::DiffMarks::ansi
             : dhall::DiffMarks::brackets;
}

// An argument names a file when one exists there (`values.dhall`, or
// /dev/fd/63 from `<(git show …)`); otherwise it is a Dhall expression, as
// dhall diff reads both (`./values.dhall`, `{ a = 1 }`).
dhall::ExprPtr meaning(const std::string& argument, const dhall::LoadOptions& options) {
  std::error_code error;
  dhall::Loaded loaded;
  if (fs::exists(argument, error)) {
    loaded = load_input(Input{.file = fs::path(argument)}, options);
  } else {
    auto source =
        std::make_shared<const dhall::SourceFile>(dhall::SourceFile{"(expression)", argument});
    loaded = dhall::load_source(source, fs::current_path(), options);
  }
  return dhall::alpha_normalize(loaded.normal_form());
}

ExitCode run_diff(const DiffArguments& arguments) {
  dhall::LoadOptions options = make_load_options(arguments.imports);
  dhall::ExprPtr left, right;
  ExitCode loading = reporting({.subject = arguments.left}, [&] {
    left = meaning(arguments.left, options);
    return exit_ok;
  });
  if (loading != exit_ok) {
    return loading;
  }
  loading = reporting({.subject = arguments.right}, [&] {
    right = meaning(arguments.right, options);
    return exit_ok;
  });
  if (loading != exit_ok) {
    return loading;
  }
  auto difference = dhall::diff_expressions(left, right, marks_for(arguments));
  fmt::print("{}\n", difference.shown);
  return difference.same ? exit_ok : exit_input_error;
}

} // namespace

void register_diff_command(CLI::App& app, ExitCode& exit_code) {
  auto arguments = std::make_shared<DiffArguments>();
  auto* diff = app.add_subcommand(
      "diff", "Show how two expressions differ after normalization; exit 1 when they do");
  diff->add_option("A", arguments->left, "A file, or a Dhall expression")->required();
  diff->add_option("B", arguments->right, "A file, or a Dhall expression")->required();
  diff->add_flag("--plain", arguments->plain,
                 "Mark changed characters of texts as [-old-]{+new+} on a terminal too (not "
                 "in colour)");
  add_memory_limit_option(*diff);
  add_import_options(*diff, arguments->imports);
  diff->callback([arguments, &exit_code] { exit_code = run_diff(*arguments); });
}

} // namespace polar::cli
