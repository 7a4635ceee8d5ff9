#pragma once
// The custom headers of `https://... using headers`.
#include <vector>

#include "imports/fetcher.h"
#include "syntax/expr.h"

namespace polar::dhall {

// The headers a resolved, type-checked and normalized `using` expression
// asks for. `type` is its normalized type, which must be
// `List { mapKey : Text, mapValue : Text }` or
// `List { header : Text, value : Text }`; otherwise this throws
// Error(ErrorKind::type) at `site`. Header values are not echoed in errors:
// they often carry credentials.
std::vector<HttpHeader> request_headers(const Expr& normal_form, const Expr& type,
                                        const Span& site);

} // namespace polar::dhall
