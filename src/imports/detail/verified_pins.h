#pragma once
// Which frozen local imports were found to match their pins, kept next to the
// build cache (docs/imports.md, "Stale pins"). A warm load then checks the
// pin of `./x.dhall sha256:H` by computing the build cache key of x.dhall
// (hashing the bytes of the files below it, nothing parsed) and looking for
// the record of that key with H, instead of normalizing and hashing x.
#include <filesystem>

#include "binary/hash.h"
#include "imports/options.h"

namespace polar::dhall {

class VerifiedPins {
public:
  // Records live in `build_cache_directory`/pins, created when first written.
  VerifiedPins(const std::filesystem::path& build_cache_directory, WarningSink warn);

  // Whether the import whose build cache key is `key` was found to hash to
  // `pin` (one `stat`).
  bool verified(const Sha256& key, const Sha256& pin) const;
  // Records that it does. Never throws: a record that cannot be written only
  // warns, and the next load checks the pin again.
  void record(const Sha256& key, const Sha256& pin) const;

private:
  // An empty file named by the hash of both: it can be neither torn nor
  // wrong, only present or not.
  std::filesystem::path record_path(const Sha256& key, const Sha256& pin) const;

  std::filesystem::path directory_;
  WarningSink warn_;
};

} // namespace polar::dhall
