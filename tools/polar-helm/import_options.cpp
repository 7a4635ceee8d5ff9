#include "import_options.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <variant>

#include <fmt/core.h>

#include "memory_limit.h"

#include "imports/redact.h"
#include "imports/user_cache.h"

#include "network/curl_fetcher.h"
#include "network/mirror_config.h"
#include "network/mirror_fetcher.h"
#include "network/offline_fetcher.h"

namespace polar::cli {
namespace fs = std::filesystem;

namespace {

std::optional<std::string> environment_variable(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? std::nullopt : std::optional<std::string>(value);
}

// Whether the switch `variable` is on: 1, true or yes; 0, false, no or
// empty (or unset) is off.
bool switched_on(const char* variable) {
  auto value = environment_variable(variable);
  if (!value || value->empty() || *value == "0" || *value == "false" || *value == "no") {
    return false;
  }
  if (*value == "1" || *value == "true" || *value == "yes") {
    return true;
  }
  throw CLI::ValidationError(variable, "expected 1, true or yes (or 0, false, no, empty), got \"" +
                                           *value + "\"");
}

bool offline_requested(const ImportArguments& arguments) {
  return arguments.offline || switched_on("POLAR_HELM_OFFLINE");
}

// The build cache the flags and the environment name: --build-cache, else
// POLAR_HELM_BUILD_CACHE, else the user's; none when switched off.
std::filesystem::path build_cache_directory(const ImportArguments& arguments) {
  if (arguments.no_build_cache || switched_on("POLAR_HELM_NO_BUILD_CACHE")) {
    return {};
  }
  if (arguments.build_cache) {
    return *arguments.build_cache;
  }
  if (auto variable = environment_variable("POLAR_HELM_BUILD_CACHE");
      variable && !variable->empty()) {
    return *variable;
  }
  return dhall::user_build_cache_directory(dhall::process_environment());
}

// POLAR_HELM_BUILD_CACHE_MAX_SIZE, else 1 GiB.
std::uint64_t build_cache_max_bytes() {
  constexpr std::uint64_t default_max_bytes = std::uint64_t{1} << 30;
  auto variable = environment_variable("POLAR_HELM_BUILD_CACHE_MAX_SIZE");
  if (!variable || variable->empty()) {
    return default_max_bytes;
  }
  try {
    return parse_memory_size(*variable);
  } catch (const CLI::ValidationError& error) {
    throw CLI::ValidationError("POLAR_HELM_BUILD_CACHE_MAX_SIZE", error.what());
  }
}

std::vector<network::MirrorRule> mirror_rules(const ImportArguments& arguments) {
  std::vector<network::MirrorRule> rules;
  std::optional<fs::path> config = arguments.mirror_config;
  const char* origin = "--mirror-config";
  if (!config) {
    if (auto variable = environment_variable("POLAR_HELM_MIRROR_CONFIG");
        variable && !variable->empty()) {
      config = *variable;
      origin = "POLAR_HELM_MIRROR_CONFIG";
    }
  }
  try {
    if (config) {
      rules = network::read_mirror_config(*config);
    }
  } catch (const network::MirrorError& error) {
    throw CLI::ValidationError(origin, error.what());
  }
  for (const std::string& spec : arguments.mirrors) {
    try {
      rules.push_back(network::parse_mirror_rule(spec, fs::current_path()));
    } catch (const network::MirrorError& error) {
      throw CLI::ValidationError("--mirror", error.what());
    }
  }
  return rules;
}

network::HttpTimeouts timeouts(const ImportArguments& arguments) {
  network::HttpTimeouts timeouts;
  if (arguments.http_timeout_seconds) {
    timeouts.total = std::chrono::milliseconds(
        static_cast<std::int64_t>(*arguments.http_timeout_seconds * 1000.0 + 0.5));
    timeouts.connect = std::min(timeouts.connect, timeouts.total);
  }
  return timeouts;
}

// Warnings name files and say what went wrong with them; should one ever
// quote an expression, its literals are hidden as in errors (a cache entry
// can hold a value read from a file).
void print_warning(std::string_view warning) {
  dhall::Error quoted(dhall::ErrorKind::io, std::string(warning));
  fmt::print(stderr, "polar-helm: warning: {}\n", dhall::without_values(quoted).message());
}

} // namespace

void add_import_options(CLI::App& command, ImportArguments& arguments) {
  const char* group = "Imports";
  command
      .add_option("--mirror", arguments.mirrors,
                  "Read remote imports under PREFIX from a directory or another URL: "
                  "PREFIX=TARGET (repeatable; the longest matching prefix wins)")
      ->group(group)
      ->type_name("PREFIX=TARGET")
      ->allow_extra_args(false); // one value per flag: positional FILEs may follow
  command
      .add_option("--mirror-config", arguments.mirror_config,
                  "A file of mirrors, one \"PREFIX = TARGET\" per line, # comments "
                  "(env: POLAR_HELM_MIRROR_CONFIG)")
      ->group(group);
  command
      .add_flag("--offline", arguments.offline,
                "Never use the network: remote imports come from mirrors or the integrity "
                "cache (env: POLAR_HELM_OFFLINE=1)")
      ->group(group);
  command
      .add_option("--build-cache", arguments.build_cache,
                  "Keep resolved imports without a hash in this directory (env: "
                  "POLAR_HELM_BUILD_CACHE; default: $XDG_CACHE_HOME/polar-helm, else "
                  "~/.cache/polar-helm)")
      ->group(group);
  command
      .add_flag("--no-build-cache", arguments.no_build_cache,
                "Use no build cache (env: POLAR_HELM_NO_BUILD_CACHE=1)")
      ->group(group);
  command
      .add_option("--http-timeout", arguments.http_timeout_seconds,
                  "Seconds a remote import may take (default: 60)")
      ->group(group)
      ->check(CLI::Range(0.001, 86400.0));
  command
      .add_flag("--trust-frozen", arguments.trust_frozen,
                "Take frozen local imports (./x.dhall sha256:...) from the integrity cache "
                "without checking them against their files, as the Dhall standard allows")
      ->group(group);
}

dhall::LoadOptions make_load_options(const ImportArguments& arguments) {
  dhall::LoadOptions options;
  options.on_warning = print_warning;
  options.trust_frozen = arguments.trust_frozen;
  options.build_cache_directory = build_cache_directory(arguments);
  options.build_cache_max_bytes = build_cache_max_bytes();
  bool offline = offline_requested(arguments);
  auto rules = mirror_rules(arguments);
  if (offline) {
    for (const auto& rule : rules) {
      if (std::holds_alternative<network::UrlTarget>(rule.target)) {
        throw CLI::ValidationError(
            "--offline", "the mirror of " + rule.prefix + " is a URL (" +
                             std::get<network::UrlTarget>(rule.target).prefix +
                             "), which offline mode cannot reach: mirror it to a directory");
      }
    }
  }
  std::shared_ptr<dhall::Fetcher> transport;
  if (offline) {
    transport = std::make_shared<network::OfflineFetcher>();
  } else {
    transport = std::make_shared<network::CurlFetcher>(timeouts(arguments));
  }
  options.fetcher = rules.empty()
                        ? transport
                        : std::make_shared<network::MirrorFetcher>(std::move(rules), transport);
  return options;
}

} // namespace polar::cli
