#pragma once
// Recognizing resolved expressions that are β-normal already, so that the
// resolver can skip normalizing them. Most files of a package such as
// dhall-kubernetes are records of types, defaults and other imports; once
// their imports are replaced by normal forms they are normal as they stand,
// and evaluating and quoting them back would only copy the imported trees.
#include <functional>

#include "syntax/expr.h"

namespace polar::dhall {

// Whether `expr` is β-normal by its shape: literals, builtins, record and
// union types and literals, `List T`, `Optional T`, `None T`, `Some x`,
// union constructors and their applications, built from such parts and
// from subtrees `known_normal` vouches for. Conservative: false means
// "normalize it", never "it is not normal". Call it only on well-typed
// expressions (a type error such as `None 1` is not caught here).
bool is_evidently_normal(const Expr& expr, const std::function<bool(const Expr&)>& known_normal);

} // namespace polar::dhall
