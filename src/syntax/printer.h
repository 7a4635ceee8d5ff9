#pragma once
// The pretty-printer: syntax trees back to Dhall source, as users see them
// in `polar-helm dhall` output and in error messages.
#include <cstddef>
#include <string>

#include "syntax/expr.h"

namespace polar::dhall {

// Dhall source that parses back to `expr` (same binary encoding), with the
// Unicode spellings of `dhall format` (λ, →, ∀, ∧, ⫽, ⩓, ≡) and the fewest
// parentheses the grammar allows. Constructs that do not fit in `width`
// columns are broken over several lines; text containing newlines becomes a
// multi-line '' literal where that is exact.
std::string print(const Expr& expr, std::size_t width = 80);

} // namespace polar::dhall
