#pragma once
// `polar-helm to-directory-tree --file EXPR --output DIR` (dhall
// to-directory-tree): writes the files an expression describes, never
// replacing a file polar-helm did not write there.
#include <CLI/CLI.hpp>

#include "exit_codes.h"

namespace polar::cli {

void register_directory_tree_command(CLI::App& app, ExitCode& exit_code);

} // namespace polar::cli
