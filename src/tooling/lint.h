#pragma once
// `polar-helm lint` (dhall lint): rewrites that keep an expression's meaning
// and improve how it reads. Works on the parsed file, imports unresolved.
#include "syntax/expr.h"

namespace polar::dhall {

// `expr` with dhall lint's rewrites applied bottom-up until none applies:
// - `let x = a === b` becomes `let x = assert : a === b`, and a `let`
//   whose body is `a === b` gets `assert : a === b` as its body (the
//   author meant an assertion: without `assert` nothing is checked);
// - a `let` whose name its body never uses is removed, unless its value is
//   or contains an `assert` (removing it would drop a check);
// - `./../x` becomes `../x`.
// dhall lint's other rewrites have nothing to do here: nested lets are one
// chain already (the printer writes `let a = 1 let b = 2 in …`), and
// `Optional/fold`/`Optional/build` left the language (standard v17).
ExprPtr lint(const ExprPtr& expr);

} // namespace polar::dhall
