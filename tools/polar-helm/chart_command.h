#pragma once
// `polar-helm chart` (a whole chart in one process, then helm) and the steps
// cmake/PolarHelm.cmake runs: chart-finish, chart-sync and chart-drift.
#include <CLI/CLI.hpp>

#include "exit_codes.h"

namespace polar::cli {

// Registers the four subcommands on `app`; the one that runs stores its exit
// code in `exit_code`, which must outlive the parse.
void add_chart_commands(CLI::App& app, ExitCode& exit_code);

} // namespace polar::cli
