#pragma once
// How imports are resolved: where relative paths start, which environment,
// cache and network to use. Default-constructed options do what the `dhall`
// command does: the process's working directory and environment, the
// standard integrity cache, no network.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string_view>

#include "imports/environment.h"
#include "imports/fetcher.h"
#include "imports/integrity_cache.h"

namespace polar::dhall {

// Receives what the user should hear about but what does not stop the load
// (an integrity cache entry that could not be written or was corrupt).
using WarningSink = std::function<void(std::string_view warning)>;

// Tells whether a local file holds secrets. Nothing that depends on such a
// file is written to the build cache (which lives in the build tree).
using SecretFilePredicate = std::function<bool(const std::filesystem::path& file)>;

// The default predicate: the file name ends with "-secret.dhall".
bool has_secret_file_name(const std::filesystem::path& file);

struct LoadOptions {
  // Where `./x` and `../x` at the root of a resolution are read from; empty
  // means the process's current directory. Locations stay relative to it:
  // `as Location` yields "./x", not an absolute path.
  std::filesystem::path working_directory;
  // Lookup of `env:` imports, HOME and XDG_CACHE_HOME; empty means the
  // process environment. Values read through it never appear in errors.
  EnvironmentLookup environment;
  // Where `sha256:` imports are looked up and stored; null means
  // standard_integrity_cache(environment).
  std::shared_ptr<IntegrityCache> integrity_cache;
  // Retrieves remote imports; null means remote imports are absent (as if
  // offline), so `https://... ? ./fallback.dhall` falls back.
  std::shared_ptr<Fetcher> fetcher;
  // Where the build cache keeps the resolved results of imports without an
  // integrity hash (docs/imports.md); empty means no build cache.
  std::filesystem::path build_cache_directory;
  // The build cache is kept under this many bytes: a load that stored
  // entries collects the least recently used ones, at most once an hour
  // (build_cache_collection.h). 0: never collected.
  std::uint64_t build_cache_max_bytes = 0;
  // Which local files are secret (never cached in the build cache, nor is
  // anything importing them); empty means has_secret_file_name.
  SecretFilePredicate is_secret_file;
  // Empty means warnings are dropped.
  WarningSink on_warning;
  // A frozen local import (`./x.dhall sha256:...`) whose file exists is
  // checked against its file: when the file no longer hashes to the pin, the
  // load fails with the fix (docs/imports.md, "Stale pins"). True restores
  // the standard's behaviour, where the integrity cache answers first.
  bool trust_frozen = false;
  // How many imports deep a chain may go before resolution stops with an
  // error: a guard against runaway chains (symlink loops, generated files).
  std::size_t max_import_depth = 128;
};

} // namespace polar::dhall
