#pragma once
// The values of `as Text` and `as Bytes` imports: the raw contents as a
// literal, never parsed.
#include <optional>
#include <string>
#include <string_view>

#include "syntax/expr.h"

namespace polar::dhall {

// A `Text` literal holding `contents`, or nullopt when `contents` is not
// valid UTF-8 (overlong forms, surrogates and code points past U+10FFFF are
// invalid), which Text cannot hold.
std::optional<ExprPtr> text_literal(std::string contents, const Span& span);

// A `Bytes` literal holding `contents` byte for byte.
ExprPtr bytes_literal(std::string_view contents, const Span& span);

} // namespace polar::dhall
