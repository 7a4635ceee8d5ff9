#pragma once
// `polar-helm package` (a chart folder as a reproducible .tgz) and
// `polar-helm push` (a package to an OCI registry), docs/release.md.
#include <CLI/CLI.hpp>

#include "exit_codes.h"

namespace polar::cli {

// Registers the subcommands on `app`; the one that runs stores its exit code
// in `exit_code`, which must outlive the parse.
void add_release_commands(CLI::App& app, ExitCode& exit_code);

} // namespace polar::cli
