#pragma once
// `polar-helm diff A B` (dhall diff): how two expressions differ in meaning.
#include <CLI/CLI.hpp>

#include "exit_codes.h"

namespace polar::cli {

void register_diff_command(CLI::App& app, ExitCode& exit_code);

} // namespace polar::cli
