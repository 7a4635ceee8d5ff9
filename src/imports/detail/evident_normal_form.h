#pragma once
// Recognizing resolved expressions whose β-normal form is evident, so that
// the resolver can skip normalizing them. Most files of a package such as
// dhall-kubernetes are records of types, defaults and other imports; once
// their imports are replaced by normal forms they are normal as they stand,
// and evaluating and quoting them back would only copy the imported trees.
// The package file itself, `./schemas.dhall ∧ { IntOrString =
// ./types.dhall.IntOrString, … }`, is normal after merging two record
// literals and selecting fields of record literals, which it does here too.
#include <functional>

#include "syntax/expr.h"

namespace polar::dhall {

// The β-normal form of `expr` when it is evident, else null. Evident are:
// `expr` itself when it is normal by its shape (literals, builtins, record
// and union types and literals, `List T`, `Optional T`, `None T`, `Some x`,
// union constructors and their applications, built from such parts and from
// subtrees `known_normal` vouches for); and, in record literals, record
// types and union types, what field selections from record literals
// (`{ x = 1 }.x`) and merges of record literals (`{ x = 1 } ∧ { y = 2 }`)
// reduce to. The result shares every normal subtree of `expr`.
// Conservative: null means "normalize it", never "it is not normal". Call it
// only on well-typed expressions (a type error such as `None 1` is not
// caught here).
ExprPtr evident_normal_form(const ExprPtr& expr,
                            const std::function<bool(const Expr&)>& known_normal);

} // namespace polar::dhall
