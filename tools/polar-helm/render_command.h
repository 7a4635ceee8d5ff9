#pragma once
// `polar-helm render`, and polar-helm invoked as `dhall-to-yaml` or
// `dhall-to-json` (drop-in replacements, through symlinks).
#include <CLI/CLI.hpp>

#include <string_view>

#include "exit_codes.h"

namespace polar::cli {

// Registers `render` on `app`; when it runs it stores its exit code in
// `exit_code`, which must outlive the parse.
void register_render_command(CLI::App& app, ExitCode& exit_code);

// When `program_name` (the file name polar-helm was invoked as) is
// `dhall-to-yaml` or `dhall-to-json`, behaves as that tool, flags included,
// and returns the exit code; otherwise returns -1.
int run_drop_in(std::string_view program_name, int argc, char** argv);

} // namespace polar::cli
