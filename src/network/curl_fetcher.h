#pragma once
// Fetching remote imports over HTTP(S) with libcurl.
#include <chrono>
#include <cstddef>
#include <mutex>

#include "imports/fetcher.h"
#include "network/curl_handle.h"

namespace polar::network {

struct HttpTimeouts {
  // Until the TCP (and TLS) connection stands.
  std::chrono::milliseconds connect{std::chrono::seconds(10)};
  // The whole request, connection included.
  std::chrono::milliseconds total{std::chrono::seconds(60)};
};

// The largest body accepted, after decoding any Content-Encoding: a hostile
// or broken server must not fill memory before the timeout ends the
// transfer. Real imports are far smaller (the whole Prelude is under 1 MB).
constexpr std::size_t default_max_body_bytes = std::size_t{64} << 20;

// A Fetcher that sends one GET per request with the request's headers and
// returns the body and response headers of a 2xx answer. Anything else is a
// failure (an absent import) whose text names the URL and the HTTP status or
// the transport error, or a body over the size limit. Redirects are not followed: the standard does
// not define them (the canonical URL of an import is the one written, which chaining and CORS
// depend on). Header values never appear in failures: they may hold tokens. Only http and https are
// spoken. Thread-safe; requests are serialized on one handle so that connections to a host are
// reused.
class CurlFetcher final : public dhall::Fetcher {
public:
  explicit CurlFetcher(HttpTimeouts timeouts = {},
                       std::size_t max_body_bytes = default_max_body_bytes);

  dhall::FetchResult fetch(const dhall::FetchRequest& request) override;

private:
  HttpTimeouts timeouts_;
  std::size_t max_body_bytes_;
  std::mutex mutex_;
  CurlEasy handle_; // created by the first fetch
};

} // namespace polar::network
