#pragma once
// `polar-helm diff` (dhall diff): the difference between two expressions
// shown inside their shared structure, `- ` before what only the first has,
// `+ ` before what only the second has, `…` for what they share.
#include <string>

#include "syntax/expr.h"

namespace polar::dhall {

// How the characters only one side has are marked inside a text: `[-a-]`
// and `{+b+}` (git's plain word diff), or as dhall diff marks them with
// ANSI escapes, on a red and a green background, the shared ones dim (for
// a terminal).
enum class DiffMarks { brackets, ansi };

struct ExpressionDifference {
  bool same = true;  // the expressions are equal
  std::string shown; // the layout, without a final newline
};

// Compares two expressions as written: pass normal forms, α-normalized, to
// compare meanings (the CLI does). The layout is dhall diff's; two texts
// are one literal with the characters only one side has marked, as
// `[-old-]{+new+}` or in dhall diff's colours (docs/dhall-commands.md).
ExpressionDifference diff_expressions(const ExprPtr& left, const ExprPtr& right,
                                      DiffMarks marks = DiffMarks::brackets);

} // namespace polar::dhall
