#pragma once
// The engine's own subcommands, like the reference `dhall` tool's:
// `dhall` (normalize), `type`, `hash`, `encode`, `decode`.
#include <CLI/CLI.hpp>

#include "exit_codes.h"

namespace polar::cli {

// Each command sets `exit_code` when the input is wrong.
void register_dhall_commands(CLI::App& app, ExitCode& exit_code);

} // namespace polar::cli
