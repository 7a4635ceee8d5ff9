#pragma once
// The standard integrity cache (standard/imports.md): the αβ-normal form of
// every import protected by `sha256:`, CBOR-encoded, in a file named
// "1220<hex>" (a multihash) under "$XDG_CACHE_HOME/dhall" or
// "$HOME/.cache/dhall". Entries are immutable and shared with every other
// Dhall implementation on the machine.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "binary/encoding.h"
#include "imports/environment.h"
#include "support/shared_bytes.h"
#include "syntax/expr.h"

namespace polar::dhall {

// Content-addressed storage of encoded expressions. The resolver verifies
// what load() returns against the hash, so a cache may hand back anything.
// It calls store() from a thread of its own (cache_writer.h) while it may
// call load() from another.
class IntegrityCache {
public:
  virtual ~IntegrityCache() = default;

  // The bytes stored under `hash`, or nullopt when there is no such entry.
  virtual std::optional<SharedBytes> load(const Sha256& hash) = 0;
  // Stores the bytes of `encoding` under `hash`, streamed from it (a large
  // normal form is never laid out whole). Throws Error(ErrorKind::io) when
  // it cannot; the resolver turns that into a warning, since caching is
  // best effort.
  virtual void store(const Sha256& hash, const Encoding& encoding) = 0;
};

// "1220<hex>": the file name of an entry.
std::string cache_file_name(const Sha256& hash);

// Entries in `directories`, the first one holding an entry wins on load and
// the first writable one gets new entries. Writes are atomic (a temporary
// file renamed into place), so a reader never sees half an entry.
class DirectoryIntegrityCache final : public IntegrityCache {
public:
  enum class Access : std::uint8_t { read_write, read_only };

  explicit DirectoryIntegrityCache(std::vector<std::filesystem::path> directories,
                                   Access access = Access::read_write);

  std::optional<SharedBytes> load(const Sha256& hash) override;
  void store(const Sha256& hash, const Encoding& encoding) override;

private:
  std::vector<std::filesystem::path> directories_;
  Access access_;
};

// The cache the standard prescribes: "$XDG_CACHE_HOME/dhall", then
// "$HOME/.cache/dhall" (variables that are unset or empty are skipped).
std::shared_ptr<IntegrityCache> standard_integrity_cache(const EnvironmentLookup& environment);

// A cache that holds nothing and stores nothing ("resolve without the cache").
std::shared_ptr<IntegrityCache> disabled_integrity_cache();

} // namespace polar::dhall
