#pragma once
// Loading a Dhall file end to end: read, parse, resolve imports, type-check,
// evaluate. What the CLI and the chart generator call.
#include <filesystem>
#include <string>
#include <vector>

#include "imports/detail/load_statistics.h"
#include "imports/options.h"
#include "semantics/value.h"
#include "syntax/expr.h"
#include "syntax/source.h"

namespace polar::dhall {

struct Loaded {
  // The value of the import-free, type-checked expression: closed, with
  // record fields evaluated when first read (docs/evaluation.md). Render it
  // from here; reading it back as syntax (normal_form) expands every type
  // and default it holds, which the JSON does not show. Reading forces
  // fields, which mutates shared state: one thread at a time.
  ValuePtr value;
  ValuePtr type_value; // the type of the expression
  // Every local file read (the loaded file, its imports, `as Text` and
  // `as Bytes` files), absolute, first read first, each once: the inputs a
  // Ninja depfile lists. Files served from the integrity cache are not read.
  std::vector<std::filesystem::path> dependencies;
  // The work done, and how the build cache was used.
  LoadStatistics statistics;
  // Whether the load read an environment variable (other than HOME and
  // XDG_*) or a secret file: errors raised later (rendering) must not quote
  // their values either (imports/redact.h).
  bool read_sensitive_values = false;
  // The environment variables the load looked up, set or not, sorted: the
  // inputs of the result besides `dependencies` (HOME and XDG_* excepted, as
  // above). Names only: the build tracks their values (docs/chart-module.md,
  // "Environment variables").
  std::vector<std::string> environment_variables;

  // The β-normal form of the expression (`polar-helm dhall`, `hash`).
  ExprPtr normal_form() const;
  // The type, normal, read back from type_value when first asked: a render
  // never asks, and the type of a Deployment spells out every Kubernetes
  // type it holds (a warm drop-in render spent half its instructions
  // reading it back).
  const ExprPtr& type() const;

private:
  mutable ExprPtr type_; // null until type() is asked
};

// The semantic hash of the loaded expression (`polar-helm hash`, freeze):
// its α-β-normal form read back a piece at a time and streamed into
// SHA-256, never held whole (docs/evaluation.md, "Hashing a shared graph").
Sha256 semantic_digest(const Loaded& loaded);

// Whether the value depends on what the machine it was loaded on holds
// besides files: it looked up an environment variable, set or not (an unset
// one with a fallback gives the fallback, wrong once it is set), or read a
// secret file. Such a value is never pinned (freeze) nor stored in the
// integrity cache (`hash --cache`), which is not secret. DHALL_HEADERS does
// not count: it only says how remote imports are fetched.
bool reads_variables_or_secrets(const Loaded& loaded);

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
