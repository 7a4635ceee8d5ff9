#include "lint_command.h"

#include <fmt/core.h>

#include <filesystem>
#include <iostream>
#include <memory>
#include <vector>

#include "input.h"
#include "report.h"
#include "support/file_io.h"
#include "syntax/format.h"
#include "syntax/parser.h"
#include "tooling/lint.h"
#include "tooling/transitive_files.h"

namespace polar::cli {
namespace {

namespace fs = std::filesystem;

struct LintArguments {
  std::vector<fs::path> files;
  bool check = false;
  bool transitive = false;
};

// The linted text of `source`, laid out as `polar-helm format` lays it out:
// the header and every comment kept (a removed let's comments move to the
// next thing written after it).
std::string linted(const dhall::SourcePtr& source) {
  dhall::NotedExpr parsed = dhall::parse_with_notes(source);
  parsed.expr = dhall::lint(parsed.expr);
  return dhall::format_source(source, parsed);
}

// Lints one file in place (or checks it); false when --check finds it would
// change.
bool lint_file(const fs::path& file, bool check) {
  dhall::SourcePtr source = read_input(Input{.file = file});
  std::string text = linted(source);
  if (text == source->text) {
    return true;
  }
  if (check) {
    fmt::print("{}: not linted (polar-helm lint would change it)\n", file.string());
    return false;
  }
  try {
    dhall::write_file_atomically(file, text);
  } catch (const dhall::Error& error) {
    throw EnvironmentError(error.message());
  }
  return true;
}

ExitCode run_lint(const LintArguments& arguments) {
  if (arguments.files.empty()) {
    // Like dhall lint without files: standard input to standard output.
    return reporting({}, [&] {
      dhall::SourcePtr source = read_input(Input{});
      std::string text = linted(source);
      if (arguments.check) {
        if (text == source->text) {
          return exit_ok;
        }
        fmt::print("(stdin): not linted (polar-helm lint would change it)\n");
        return exit_input_error;
      }
      if (!(std::cout << text << std::flush)) {
        throw EnvironmentError("cannot write to standard output");
      }
      return exit_ok;
    });
  }
  ExitCode result = exit_ok;
  for (const fs::path& file :
       arguments.transitive ? dhall::with_transitive_imports(arguments.files) : arguments.files) {
    ExitCode code = reporting({.subject = file.string()}, [&] {
      return lint_file(file, arguments.check) ? exit_ok : exit_input_error;
    });
    // The worst result wins: a missing file (3) over an unlinted one (1).
    result = std::max(result, code);
  }
  return result;
}

} // namespace

void register_lint_command(CLI::App& app, ExitCode& exit_code) {
  auto arguments = std::make_shared<LintArguments>();
  auto* lint = app.add_subcommand(
      "lint", "Improve Dhall files in place as dhall lint does: unused lets removed, `let x = a "
              "=== b` made an assert, ./../x made ../x, laid out as format lays it out (every "
              "comment kept)");
  lint->add_option("FILE", arguments->files,
                   "The files to lint in place (none: standard input to standard output)");
  lint->add_flag("--check", arguments->check,
                 "Write nothing; name the files lint would change and exit with 1 if any");
  lint->add_flag("--transitive", arguments->transitive,
                 "Also lint the files the FILEs import as code through relative paths (./x, "
                 "../x), transitively, each once, imports first");
  lint->callback([arguments, &exit_code] { exit_code = run_lint(*arguments); });
}

} // namespace polar::cli
