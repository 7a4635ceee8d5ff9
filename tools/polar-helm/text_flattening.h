#pragma once
// Text literals interpolated into text literals, merged into them:
// `"a${"b"}c"` becomes `"abc"`, as β-normalization does. `polar-helm
// format` writes control characters, shared indentation and some quotes of
// multi-line text as such interpolations (as `dhall format` does), so it
// compares a file and its formatted text after this step.
#include "syntax/expr.h"

namespace polar::cli {

dhall::ExprPtr flatten_interpolated_text(const dhall::ExprPtr& expr);

} // namespace polar::cli
