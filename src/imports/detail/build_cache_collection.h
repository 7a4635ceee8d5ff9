#pragma once
// Size-bounded garbage collection of the build cache (docs/imports.md,
// "Collection"): the least recently used entries go first, until the cache
// holds three quarters of its limit. An entry's modification time is when it
// was last used (BuildCache and VerifiedPins touch what they read), or the
// last use of an entry that needs it (a load marks the entry it hits, not
// the entries that one needs: build_cache.h), so the collector needs a
// directory listing and the list at the head of each result and type.
// Entries that need others go before them, so none misses for want of one.
//
// Safe beside running renders: an entry used within `keep_used_since` is
// never removed, nor a temporary file whose writer is alive; removing a file
// a reader has open or mapped leaves its bytes to the reader (POSIX unlink),
// and a reader that comes later misses, resolves and stores it again. The
// folders of old formats (v1, v2) are removed, entry by entry.
#include <chrono>
#include <cstdint>
#include <filesystem>

#include "imports/options.h"

namespace polar::dhall {

struct BuildCacheCollection {
  std::uint64_t bytes_before = 0; // entries of the current format and pins
  std::uint64_t bytes_after = 0;
  std::size_t entries_removed = 0; // old formats' included
};

// Records that the entry at `path` was used now (its modification time),
// and returns whether it exists. A cache the process may not write (a
// read-only shared one) is read as it is, in no particular order.
bool mark_used(const std::filesystem::path& path);

// What one file costs the disk: its size in 4 KiB blocks, at least one.
std::uint64_t disk_bytes(std::uint64_t size);

// Removes least recently used entries of the build cache in `directory`
// until at most three quarters of `max_bytes` are left, keeping every entry
// used since `keep_used_since`. Never throws: files that cannot be removed
// are skipped.
BuildCacheCollection collect_build_cache(const std::filesystem::path& directory,
                                         std::uint64_t max_bytes,
                                         std::filesystem::file_time_type keep_used_since);

// Runs collect_build_cache (keeping what was used in the last ten minutes)
// when the last collection of `directory` is older than `interval`, or never
// ran; otherwise costs one stat. The time of the last one is the
// modification time of `<directory>/last-collection`.
void collect_build_cache_now_and_then(const std::filesystem::path& directory,
                                      std::uint64_t max_bytes, std::chrono::seconds interval,
                                      const WarningSink& warn);

} // namespace polar::dhall
