#pragma once
// Loading a Dhall file end to end: read, parse, resolve imports, type-check,
// β-normalize. What the CLI and the chart generator call.
#include <filesystem>
#include <vector>

#include "imports/load_statistics.h"
#include "imports/options.h"
#include "syntax/expr.h"
#include "syntax/source.h"

namespace polar::dhall {

struct Loaded {
  ExprPtr expr; // import-free, type-checked, β-normal
  ExprPtr type; // the type of expr, normal
  // Every local file read (the loaded file, its imports, `as Text` and
  // `as Bytes` files), absolute, first read first, each once: the inputs a
  // Ninja depfile lists. Files served from the integrity cache are not read.
  std::vector<std::filesystem::path> dependencies;
  // The work done, and how the build cache was used.
  LoadStatistics statistics;
};

// Loads the file at `file`; relative paths are below
// options.working_directory (see resolve_imports). Throws Error: io when the
// file cannot be read, then whatever parsing, resolution or type checking
// throws.
Loaded load_file(const std::filesystem::path& file, const LoadOptions& options = {});

// Loads `source` (standard input, a string) as if it were a file in
// `as_if_in_directory`: that is where its relative imports start.
Loaded load_source(SourcePtr source, const std::filesystem::path& as_if_in_directory,
                   const LoadOptions& options = {});

} // namespace polar::dhall
