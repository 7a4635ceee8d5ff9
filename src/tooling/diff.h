#pragma once
// `polar-helm diff` (dhall diff): the difference between two expressions
// shown inside their shared structure, `- ` before what only the first has,
// `+ ` before what only the second has, `…` for what they share.
#include <string>

#include "syntax/expr.h"
#include "tooling/diff_document.h"

namespace polar::dhall {

struct ExpressionDifference {
  bool same = true;  // the expressions are equal
  std::string shown; // the layout, without a final newline
};

// Compares two expressions as written: pass normal forms, α-normalized, to
// compare meanings (the CLI does). The layout is dhall diff's; two texts
// are one literal with the characters only one side has marked, as
// `[-old-]{+new+}` or in dhall diff's colours (docs/dhall-commands.md).
ExpressionDifference diff_expressions(const ExprPtr& left, const ExprPtr& right,
                                      diff_layout::Marks marks = diff_layout::Marks::brackets);

} // namespace polar::dhall
