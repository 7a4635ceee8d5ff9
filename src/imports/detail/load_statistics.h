#pragma once
// What one load did, for tests and benchmarks: the work a warm build cache
// should make unnecessary, and how the cache was used.
#include <cstddef>

namespace polar::dhall {

struct LoadStatistics {
  // Dhall sources parsed: the loaded file and every file, variable or URL
  // imported as code that no cache answered.
  std::size_t files_parsed = 0;
  // Whole expressions type-checked: the loaded one, each import no cache
  // answered, each protected import whose type was not in the build cache,
  // and header configurations.
  std::size_t expressions_type_checked = 0;
  // Build cache lookups of code imports and of protected imports' types.
  std::size_t build_cache_hits = 0;
  std::size_t build_cache_misses = 0;
  std::size_t build_cache_stores = 0;
  // Results read back to be stored and found too large: each costs a
  // read-back up to the bound, once per dependency list (the build cache
  // remembers it).
  std::size_t build_cache_too_large = 0;
  // Build-cache results read: the hits, and the entries they refer to that
  // were used (references are read when used: docs/evaluation.md).
  std::size_t build_cache_results_read = 0;
  // Of those, the ones read from the bundle of a hit (one file for all the
  // entries it needs: BuildCache::use_bundle) instead of their own files.
  std::size_t build_cache_results_read_from_bundles = 0;
};

} // namespace polar::dhall
