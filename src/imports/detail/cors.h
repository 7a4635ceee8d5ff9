#pragma once
// corsCompliant(parent, child, headers) of standard/imports.md: a remote
// import may import a URL of another origin only when that URL's response
// allows the parent's origin (or every origin) in Access-Control-Allow-Origin.
#include <vector>

#include "imports/detail/location.h"
#include "imports/fetcher.h"

namespace polar::dhall {

bool cors_compliant(const ImportTarget& parent, const RemoteImport& child,
                    const std::vector<HttpHeader>& response_headers);

} // namespace polar::dhall
