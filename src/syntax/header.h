#pragma once
// The header of a Dhall file: the comments before its expression.
#include <string_view>

#include "syntax/source.h"

namespace polar::dhall {

// The comments and whitespace that precede the expression in `source`,
// without the whitespace around them, as dhall-haskell keeps them (its
// `Header`, for `dhall format` and dhall-to-yaml's --preserve-header): empty
// when the expression comes first. A view into source->text. Throws
// Error(parse) on an unterminated block comment.
std::string_view header_of(const SourcePtr& source);

} // namespace polar::dhall
