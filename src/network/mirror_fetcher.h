#pragma once
// Import mirrors: a Fetcher that serves URLs under configured prefixes from
// a local directory or another server, and passes the rest on.
#include <memory>
#include <vector>

#include "imports/fetcher.h"
#include "network/detail/mirror_rule.h"

namespace polar::network {

// The longest matching prefix wins (of equal ones, the later rule). Only where the bytes come from
// changes: the resolver keeps the original URL (chaining, CORS, `as Location`) and still checks
// integrity hashes.
//
// - Directory target: the rest of the URL path, percent-decoded, is a file
//   below the directory ("..", "." and empty components, encoded slashes
//   and queries are refused). A file that is not there is a failure, not a
//   fallback to the network: the mirror is authoritative for its prefix. The
//   response carries `Access-Control-Allow-Origin: *`: the directory is a
//   trusted copy of the origin chosen by the user, so imports from other
//   remote files may use it (docs/imports.md).
// - URL target: the request, headers included, goes to the rewritten URL
//   through `inner`; the response headers are the mirror server's.
//
// URLs under no prefix go to `inner`. `inner` must not be null.
class MirrorFetcher final : public dhall::Fetcher {
public:
  MirrorFetcher(std::vector<MirrorRule> rules, std::shared_ptr<dhall::Fetcher> inner);

  dhall::FetchResult fetch(const dhall::FetchRequest& request) override;

private:
  std::vector<MirrorRule> rules_;
  std::shared_ptr<dhall::Fetcher> inner_;
};

} // namespace polar::network
