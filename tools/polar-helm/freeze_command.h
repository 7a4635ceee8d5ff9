#pragma once
// `polar-helm freeze`: pins imports to their semantic hashes in place
// (docs/imports.md, "Freezing").
#include <CLI/CLI.hpp>

#include "exit_codes.h"

namespace polar::cli {

// Registers `freeze` on `app`; it stores its exit code in `exit_code`.
void register_freeze_command(CLI::App& app, ExitCode& exit_code);

} // namespace polar::cli
