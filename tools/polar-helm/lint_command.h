#pragma once
// `polar-helm lint [--check] FILE...` (dhall lint): tooling/lint.h's
// rewrites, written back in place.
#include <CLI/CLI.hpp>

#include "exit_codes.h"

namespace polar::cli {

void register_lint_command(CLI::App& app, ExitCode& exit_code);

} // namespace polar::cli
