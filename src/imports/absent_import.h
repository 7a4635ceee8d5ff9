#pragma once
// The one kind of import failure the `?` operator recovers from.
#include <string>

#include "syntax/source.h"

namespace polar::dhall {

// An import that is not cached and absent (standard/imports.md): an unset
// environment variable, a file that does not exist, a URL that cannot be
// retrieved, or `missing`. Every other failure (parse or type errors in the
// imported expression, integrity check failures, cycles) is a plain Error
// and the fallback of `?` is not tried.
//
// Resolution code must rethrow with `throw;` so the dynamic type survives
// the levels of the import chain that add notes on the way out.
class AbsentImport : public Error {
public:
  AbsentImport(std::string message, Span span)
      : Error(ErrorKind::import, std::move(message), std::move(span)) {}
};

} // namespace polar::dhall
