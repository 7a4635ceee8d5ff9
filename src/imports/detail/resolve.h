#pragma once
// Import resolution, the step between parsing and type checking
// (standard/imports.md). See docs/imports.md.
#include <filesystem>

#include "imports/options.h"
#include "syntax/expr.h"

namespace polar::dhall {

// `expr`, parsed from the file `base`, with every import replaced by the
// β-normal form of what it imports (or by the value of `as Text`, `as Bytes`,
// `as Location`). The result is import-free but neither type-checked nor
// normalized as a whole.
//
// A relative `base` ("./dir/a.dhall") is read below
// options.working_directory and `as Location` answers stay relative to it,
// as with the dhall command; an absolute one stays absolute.
//
// Throws Error: an absent import (Error::is_absent_import) for a missing file, unset
// variable or `missing` that no `?` recovered from; ErrorKind::parse or
// ErrorKind::type for an imported expression that does not parse or check;
// ErrorKind::import for cycles, integrity check failures and the like. Each
// carries the import chain as notes, innermost import first.
ExprPtr resolve_imports(const ExprPtr& expr, const std::filesystem::path& base,
                        const LoadOptions& options = {});

} // namespace polar::dhall
