#pragma once
// Where the parts of an import lie in its source text, for tools that edit
// an import in place and leave every other byte alone (`polar-helm freeze`).
#include <cstddef>
#include <optional>

#include "syntax/source.h"

namespace polar::dhall {

struct ImportText {
  // Just after the location and its `using` headers: where a hash goes.
  std::size_t target_end = 0;
  // The `sha256:` of its hash, followed by the 64 hexadecimal digits.
  std::optional<std::size_t> hash_begin;
  // Just after the import (its `as` mode included).
  std::size_t end = 0;
};

// The parts of the import that starts at byte `begin` of `source` (the begin
// of an Import node's span). Throws Error(parse) when no import starts there.
ImportText import_text(const SourcePtr& source, std::size_t begin);

} // namespace polar::dhall
