#pragma once
// The rewrite of lint that removes the `let`s nothing uses, in one pass per
// flat chain (syntax/spine.h) whatever its length: which binding each
// variable names is found once, not once per `let` (tooling/lint.h).
#include "syntax/expr.h"

namespace polar::dhall {

// `expr` without the lets whose name their body never uses (after the
// unused lets inside it are gone), unless their value is or contains an
// `assert`; the variables past a removed let are renumbered. The same result
// as removing them one at a time, innermost first.
ExprPtr remove_unused_lets(const ExprPtr& expr);

} // namespace polar::dhall
