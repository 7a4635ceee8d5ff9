#pragma once
// `polar-helm text` (dhall text): a Text expression printed raw.
#include <CLI/CLI.hpp>

#include "exit_codes.h"

namespace polar::cli {

void register_text_command(CLI::App& app, ExitCode& exit_code);

} // namespace polar::cli
