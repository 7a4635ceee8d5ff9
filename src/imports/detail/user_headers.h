#pragma once
// The user's origin header configuration (standard/imports.md): headers
// added to every request to an origin, read from `env:DHALL_HEADERS`, else
// "$XDG_CONFIG_HOME/dhall/headers.dhall", else
// "~/.config/dhall/headers.dhall", else none. Its type is
// `List { mapKey : Text, mapValue : List { mapKey : Text, mapValue : Text } }`
// with origins like "example.com:443" as keys.
#include <string>
#include <vector>

#include "imports/environment.h"
#include "imports/fetcher.h"
#include "syntax/expr.h"

namespace polar::dhall {

// `env:DHALL_HEADERS ? "${XDG_CONFIG_HOME}/dhall/headers.dhall" ?
// ~/.config/dhall/headers.dhall ? ([] : <the configuration type>)`, to be
// resolved like any expression (the XDG alternative only when it is set).
ExprPtr user_headers_expression(const EnvironmentLookup& environment);

// "host:port" of a URL: its authority without user information, with the
// scheme's default port when none is written.
std::string origin_of(const RemoteImport& remote);

// The headers configured for `origin` in the resolved, normalized
// configuration, whose normalized type is `type`. Throws Error at `site`
// when the configuration has the wrong type; never shows its values.
std::vector<HttpHeader> headers_for_origin(const Expr& configuration, const Expr& type,
                                           const std::string& origin, const Span& site);

// The user's headers, then each inline header the user did not configure
// (header names compare case-insensitively): the configuration wins.
std::vector<HttpHeader> merge_headers(std::vector<HttpHeader> user,
                                      const std::vector<HttpHeader>& inline_headers);

} // namespace polar::dhall
