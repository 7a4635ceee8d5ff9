#include "network/offline_fetcher.h"

namespace polar::network {

dhall::FetchResult OfflineFetcher::fetch(const dhall::FetchRequest& request) {
  return dhall::FetchResult{
      std::nullopt,
      "offline mode (--offline or POLAR_HELM_OFFLINE=1) does not use the network, and " +
          request.url +
          " is under no mirror. Make it available with --mirror PREFIX=DIR (or a line "
          "\"PREFIX = DIR\" in the --mirror-config file) pointing at a local copy, or pin the "
          "import with sha256:... and fill the integrity cache ($XDG_CACHE_HOME/dhall) by "
          "resolving it once with the network"};
}

} // namespace polar::network
