#pragma once
// `polar-helm validate`: YAML checked against a Dhall type, or each
// document against the dhall-kubernetes type its apiVersion and kind select
// (docs/schema.md).
#include <CLI/CLI.hpp>

#include "exit_codes.h"

namespace polar::cli {

void register_validate_command(CLI::App& app, ExitCode& exit_code);

} // namespace polar::cli
