#pragma once
// Which subcommands a polar-helm process sets up. Building CLI11's options
// for all 26 subcommands was most of the instructions of a render's process
// start (BENCHMARKS.md, "Session 9"), although a process runs one.
#include <CLI/CLI.hpp>

#include <string_view>

#include "exit_codes.h"

namespace polar::cli {

// Adds to `app` the group of subcommands that defines `first_argument` when
// it names one of them (`render`, `env-check`), and every subcommand
// otherwise (--help, --version, a misspelt name: CLI11 then lists them all).
// Throws std::logic_error when the table of groups disagrees with what a
// group defines: a subcommand added to a group but not to the table.
void add_subcommands(CLI::App& app, ExitCode& exit_code, std::string_view first_argument);

} // namespace polar::cli
