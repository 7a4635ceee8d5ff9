#pragma once
// Reading environment variables through a replaceable lookup, so tests and
// embedders can resolve `env:` imports, HOME and XDG_CACHE_HOME against an
// environment of their own instead of the process's.
#include <functional>
#include <optional>
#include <string>

namespace polar::dhall {

// The value of a variable, or nullopt when it is not set.
using EnvironmentLookup = std::function<std::optional<std::string>(const std::string& name)>;

// Looks variables up in the environment of this process.
EnvironmentLookup process_environment();

} // namespace polar::dhall
