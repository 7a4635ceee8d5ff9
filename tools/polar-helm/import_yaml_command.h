#pragma once
// `polar-helm import-yaml`: Kubernetes YAML as Dhall through dhall-kubernetes
// (docs/schema.md).
#include <CLI/CLI.hpp>

#include "exit_codes.h"

namespace polar::cli {

void register_import_yaml_command(CLI::App& app, ExitCode& exit_code);

} // namespace polar::cli
