#pragma once
// `polar-helm format`: `dhall format`'s layout, every comment kept
// (docs/format.md).
#include <CLI/CLI.hpp>

#include "exit_codes.h"

namespace polar::cli {

// Registers `format` on `app`; it stores its exit code in `exit_code`.
void register_format_command(CLI::App& app, ExitCode& exit_code);

} // namespace polar::cli
