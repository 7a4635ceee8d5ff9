#pragma once
// Offline mode: the Fetcher behind the mirrors when the network must not be
// touched.
#include "imports/fetcher.h"

namespace polar::network {

// Fails every request, as an absent import (so `?` still falls back), with a
// message naming the URL and saying how to make it available offline: a
// mirror, or an integrity hash with a filled cache (the resolver looks in
// the integrity cache before it fetches).
class OfflineFetcher final : public dhall::Fetcher {
public:
  dhall::FetchResult fetch(const dhall::FetchRequest& request) override;
};

} // namespace polar::network
