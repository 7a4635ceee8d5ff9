#pragma once
// `polar-helm freeze`: pins imports to the semantic hash of what they resolve
// to, as `dhall freeze` does, but as an edit of the file's text: every byte
// but the pins stays as written (docs/imports.md, "Freezing").
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "binary/hash.h"
#include "imports/options.h"
#include "syntax/source.h"

namespace polar::dhall {

struct FreezeOptions {
  // Also pin local imports that have no pin yet (`dhall freeze --all`).
  // Without it: remote imports, and local imports that are pinned already
  // (so that a stale pin is repaired).
  bool all = false;
  // Write `missing sha256:H ? import` (`dhall freeze --cache`) instead of
  // `import sha256:H`.
  bool cache = false;
};

// One import whose text changes.
struct PinChange {
  Span site;                    // the import as written
  std::string import;           // the import without its pin, for messages
  std::optional<Sha256> pinned; // its pin now (in either form), if any
  Sha256 hash;                  // the pin it gets
};

struct FrozenSource {
  std::string text; // the source with its pins updated
  std::vector<PinChange> changes;
  // Imports left alone because what they read is secret (an `env:`
  // variable, a secret file): a pin is a digest of the values.
  std::vector<PinChange> secret; // `hash` unset
};

// Freezes the imports of `source`, a file whose relative imports start in
// `directory`. Each import is resolved without its pin (never from the
// integrity cache), then type-checked, normalized and hashed like
// `polar-helm hash`; nested pins are handled as `options` says. Throws Error
// when an import cannot be resolved, pointing at it.
FrozenSource freeze_source(const SourcePtr& source, const std::filesystem::path& directory,
                           const FreezeOptions& freeze, const LoadOptions& options);

// The files among `files` ordered so that each comes after the files among
// them it imports as code (directly or not): freezing them in this order
// repairs a pin inside a file before the file is hashed for its importers.
// Files that cannot be read or parsed keep their place (freezing reports them).
std::vector<std::filesystem::path>
in_dependency_order(const std::vector<std::filesystem::path>& files, const LoadOptions& options);

} // namespace polar::dhall
