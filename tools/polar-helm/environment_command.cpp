#include "environment_command.h"

#include <fmt/core.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "chart/environment_stamp.h"
#include "chart/files.h"
#include "imports/environment.h"

namespace polar::cli {
namespace {

namespace fs = std::filesystem;

struct CheckArguments {
  std::vector<fs::path> stamps;
  fs::path stamp_list;
  fs::path changes;
};

ExitCode run_check(const CheckArguments& arguments) {
  try {
    chart::check_environment_stamps(arguments.stamps, arguments.stamp_list,
                                    dhall::process_environment(), arguments.changes);
    return exit_ok;
  } catch (const chart::ChartError& error) {
    fmt::print(stderr, "polar-helm: error: {}\n", error.what());
    return exit_environment;
  }
}

} // namespace

void add_environment_commands(CLI::App& app, ExitCode& exit_code) {
  auto arguments = std::make_shared<CheckArguments>();
  CLI::App* check = app.add_subcommand(
      "env-check", "Bring the environment stamps of renders up to date (the build's first step): "
                   "a stamp changes only when a variable its render read has changed");
  check->add_option("STAMP", arguments->stamps, "Environment stamps (render --env-stamp)");
  check->add_option("--stamp-list", arguments->stamp_list,
                    "A file naming environment stamps, one per line");
  check->add_option("--changes", arguments->changes,
                    "A file written when a stamp changed (or is missing), left alone otherwise");
  check->callback([arguments, &exit_code] { exit_code = run_check(*arguments); });
}

} // namespace polar::cli
