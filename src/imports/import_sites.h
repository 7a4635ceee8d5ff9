#pragma once
// Every import written in a file, found by walking its syntax tree without
// resolving anything: what `polar-helm freeze` edits and `polar-helm inputs`
// lists (docs/imports.md, "Freezing" and "Inputs").
#include <vector>

#include "syntax/expr.h"

namespace polar::dhall {

struct ImportSite {
  ExprPtr node; // the Import node; its span is where the import is written
  // Somewhere in the left side of a `?`: when it is absent, the load falls
  // back instead of failing.
  bool under_fallback = false;
  // Somewhere in the right side of a `?`: resolved only when the left side
  // is absent, so a load may never need it.
  bool in_alternative = false;
  // Inside the `using` headers of a remote import.
  bool in_headers = false;
  // The `missing sha256:X ? <this import>` around it (the form
  // `dhall freeze --cache` writes), or null.
  ExprPtr cache_pair;
  // Whether `missing sha256:X ? ` may be written before it without
  // parentheses: it is a whole expression of its own (a `let` value, a
  // field, a list item, the left side of `?`, ...), not an operand.
  bool stands_alone = false;

  const Import& import() const { return *node->as<Import>(); }
};

// The imports of `file` (a parsed file) in source order, each once.
std::vector<ImportSite> import_sites(const ExprPtr& file);

} // namespace polar::dhall
