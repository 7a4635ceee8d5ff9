#pragma once
// The import flags every command that loads Dhall shares (--mirror,
// --mirror-config, --offline, --build-cache, --no-build-cache, --http-timeout,
// --trust-frozen) and the
// environment variables behind them, turned into dhall::LoadOptions in one
// place.
#include <CLI/CLI.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "imports/options.h"

namespace polar::cli {

struct ImportArguments {
  std::vector<std::string> mirrors; // "PREFIX=TARGET", later ones win
  std::optional<std::filesystem::path> mirror_config;
  bool offline = false;
  std::optional<std::filesystem::path> build_cache;
  bool no_build_cache = false;
  std::optional<double> http_timeout_seconds;
  bool trust_frozen = false;
};

// Adds the import flags to `command`; `arguments` must outlive the parse.
void add_import_options(CLI::App& command, ImportArguments& arguments);

// The load options the flags and the environment (POLAR_HELM_OFFLINE,
// POLAR_HELM_MIRROR_CONFIG, POLAR_HELM_BUILD_CACHE, POLAR_HELM_NO_BUILD_CACHE,
// POLAR_HELM_BUILD_CACHE_MAX_SIZE; flags win) ask for. The build cache is the
// user's (dhall::user_build_cache_directory) unless one is named or it is
// switched off,
// with the loads' warnings printed on standard error ("polar-helm: warning:").
// Without flags this reads only the environment, which is what the drop-in
// dhall-to-yaml/dhall-to-json names use. Throws CLI::ValidationError for a
// bad value (a usage error, exit code 2) with a message saying what was
// expected.
dhall::LoadOptions make_load_options(const ImportArguments& arguments);

} // namespace polar::cli
