#pragma once
// The types of the builtins, as standard/type-inference.md lists them.
#include "semantics/value.h"
#include "syntax/expr.h"

namespace polar::dhall {

// The type of `builtin` (for example `Natural → Bool` for Natural/even).
// Closed, so valid at every level of a context.
ValuePtr builtin_type(Builtin which);

} // namespace polar::dhall
