#pragma once
// The value of an `as Location` import.
#include "imports/detail/location.h"
#include "syntax/expr.h"

namespace polar::dhall {

// `< Local : Text | Remote : Text | Environment : Text | Missing >.Local
// "./a/b.dhall"` and its siblings, for a canonical target. Spans are `span`
// so diagnostics about the value point at the import that produced it.
ExprPtr location_value(const ImportTarget& canonical_target, const Span& span = {});

} // namespace polar::dhall
