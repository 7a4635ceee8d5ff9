#pragma once
// Retrieving remote imports. The resolver owns the semantics (chaining,
// referential sanity, CORS, headers, caching); a Fetcher only moves bytes,
// so HTTP, mirrors or test doubles plug in without touching the resolver.
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace polar::dhall {

using HttpHeader = std::pair<std::string, std::string>; // name, value

struct FetchRequest {
  std::string url;                 // canonical, as `as Location` shows it
  std::vector<HttpHeader> headers; // `using` headers merged with the user's configuration
};

struct FetchResponse {
  std::string body;
  std::vector<HttpHeader> headers; // response headers, names as sent
};

// An unretrievable URL (no network, 404, ...) is "absent": the `?` operator
// falls back from it.
struct FetchResult {
  std::optional<FetchResponse> response; // nullopt: the URL cannot be retrieved
  std::string failure;                   // why, when there is no response
};

class Fetcher {
public:
  virtual ~Fetcher() = default;

  virtual FetchResult fetch(const FetchRequest& request) = 0;
};

} // namespace polar::dhall
