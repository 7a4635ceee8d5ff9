#pragma once
// Where a user's caches live: "$XDG_CACHE_HOME", then "$HOME/.cache"
// (variables that are unset or empty are skipped). The standard integrity
// cache is the folder `dhall` there; the CLI's default build cache the
// folder `polar-helm` (docs/imports.md, "Build cache").
#include <filesystem>
#include <vector>

#include "imports/environment.h"

namespace polar::dhall {

// The cache folders of the user, in the order they are looked at.
std::vector<std::filesystem::path> user_cache_directories(const EnvironmentLookup& environment);

// "$XDG_CACHE_HOME/polar-helm", else "$HOME/.cache/polar-helm"; empty when
// neither variable is set.
std::filesystem::path user_build_cache_directory(const EnvironmentLookup& environment);

} // namespace polar::dhall
