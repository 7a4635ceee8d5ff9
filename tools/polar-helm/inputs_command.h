#pragma once
// `polar-helm inputs`: the variables, files and URLs Dhall files read at
// render time, found without reading any value (docs/imports.md, "Inputs").
#include <CLI/CLI.hpp>

#include "exit_codes.h"

namespace polar::cli {

// Registers `inputs` on `app`; it stores its exit code in `exit_code`.
void register_inputs_command(CLI::App& app, ExitCode& exit_code);

} // namespace polar::cli
