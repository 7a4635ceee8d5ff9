#pragma once
// `polar-helm env-check`: the step cmake/PolarHelm.cmake runs before the
// renders of a build, so that a changed environment variable re-renders
// exactly the files that read it (chart/environment_stamp.h).
#include <CLI/CLI.hpp>

#include "exit_codes.h"

namespace polar::cli {

// Registers `env-check` on `app`; it stores its exit code in `exit_code`.
void add_environment_commands(CLI::App& app, ExitCode& exit_code);

} // namespace polar::cli
