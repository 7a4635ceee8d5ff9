#pragma once
// Text literals interpolated into text literals, merged into them:
// `"a${"b"}c"` becomes `"abc"`, as β-normalization does. The formatter
// (syntax/format.h) writes control characters, shared indentation and some
// quotes of multi-line text as such interpolations (as `dhall format` does),
// so a file and its formatted text have the same tree after this step.
#include "syntax/expr.h"

namespace polar::dhall {

ExprPtr flatten_interpolated_text(const ExprPtr& expr);

} // namespace polar::dhall
