#pragma once
// `polar-helm schema`: the JSON Schema of a Dhall file's type, the
// `values.schema.json` of a chart (docs/schema.md).
#include <CLI/CLI.hpp>

#include "exit_codes.h"

namespace polar::cli {

// Registers `schema` on `app`; its exit code goes to `exit_code`.
void register_schema_command(CLI::App& app, ExitCode& exit_code);

} // namespace polar::cli
