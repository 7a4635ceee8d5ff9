// polar-helm: Dhall to Helm charts. Each subcommand lives in its own file and
// registers itself on the CLI11 app.
#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <filesystem>
#include <string>
#include <vector>

#include <malloc.h>

#include "dhall_drop_in.h"
#include "exit_codes.h"
#include "huge_page_heap.h"
#include "render_command.h"
#include "report.h"
#include "subcommands.h"
#include "version.h"

namespace {

// polar-helm runs as one short process per file. It reads and frees a few
// large buffers (a 2.5 MB integrity cache entry, the decoder's tables),
// which glibc would map and unmap one by one, faulting their pages in afresh
// each time. Kept in the heap, freed memory is reused: a third fewer page
// faults and about 10% of a warm render. The heap still goes back to the
// system at exit.
// Without fastbins, freed syntax and value nodes are merged as they are
// freed instead of all at once whenever a larger block is asked for
// (malloc_consolidate was about 10% of a cold render of dhall-kubernetes;
// the render is 5-10% faster without, the warm one unchanged).
void tune_allocator() {
  constexpr int mmap_threshold = 64 << 20;
  constexpr int trim_threshold = 256 << 20;
  ::mallopt(M_MMAP_THRESHOLD, mmap_threshold);
  ::mallopt(M_TRIM_THRESHOLD, trim_threshold);
  ::mallopt(M_MXFAST, 0);
}

// Parses the command line and runs the subcommand it names.
polar::cli::ExitCode run(int argc, char** argv) {
  // Invoked as dhall-to-yaml or dhall-to-json (a symlink): be that tool.
  if (int code =
          polar::cli::run_drop_in(std::filesystem::path(argv[0]).filename().string(), argc, argv);
      code >= 0) {
    return static_cast<polar::cli::ExitCode>(code);
  }
  // Invoked as dhall: dhall's command line, said in polar-helm's words.
  std::vector<std::string> translated;
  std::vector<char*> translated_argv;
  if (std::filesystem::path(argv[0]).filename() == "dhall") {
    auto command_line = polar::cli::translate_dhall_command_line(argc, argv);
    if (command_line.exit) {
      return *command_line.exit;
    }
    translated = std::move(command_line.arguments);
    for (std::string& argument : translated) {
      translated_argv.push_back(argument.data());
    }
    argc = static_cast<int>(translated_argv.size());
    argv = translated_argv.data();
  }
  CLI::App app{"polar-helm: render Dhall configurations into Helm charts", "polar-helm"};
  app.set_version_flag("--version", std::string("polar-helm ") + POLAR_HELM_VERSION);
  app.require_subcommand(0, 1);
  app.footer("Exit codes: 0 ok, 1 error in the input (or out of memory), 2 usage error, 3 file, "
             "output or tool missing or unusable.");
  polar::cli::ExitCode exit_code = polar::cli::exit_ok; // set by the subcommand that runs
  polar::cli::add_subcommands(app, exit_code, argc > 1 ? argv[1] : "");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    // CLI11 returns 0 for --help/--version and its own codes otherwise; every
    // command-line mistake is exit code 2 here.
    int code = app.exit(error);
    return code == 0 ? polar::cli::exit_ok : polar::cli::exit_usage_error;
  }
  if (app.get_subcommands().empty()) {
    fmt::print("{}", app.help());
  }
  return exit_code;
}

} // namespace

int main(int argc, char** argv) {
  tune_allocator();
  polar::cli::use_huge_pages_for_heap();
  polar::cli::ExitCode exit_code = polar::cli::exit_ok;
  try {
    exit_code = run(argc, argv);
  } catch (...) {
    // Subcommands report their own failures; this is the net under them.
    exit_code = polar::cli::report(std::current_exception());
  }
  return polar::cli::finish_standard_output(exit_code);
}
