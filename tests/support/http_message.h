#pragma once
// The HTTP/1.1 messages the loopback server reads and writes: just enough of
// the protocol for GET and HEAD requests from libcurl.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace polar::testing {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method;
  std::string target; // path and query, as sent ("/a/b.dhall?x")
  HeaderList headers;

  // The value of the first header called `name` (any case).
  std::optional<std::string> header(std::string_view name) const;
  // The target without its query.
  std::string_view path() const;
};

struct HttpResponse {
  int status = 200;
  std::string reason = "OK";
  HeaderList headers;
  std::string body;
  // Keep the connection open without ever answering (timeout tests).
  bool never_answer = false;

  static HttpResponse text(std::string body, HeaderList headers = {});
  static HttpResponse status_only(int status, std::string reason);
};

// Parses a request head (up to and without the blank line); nullopt when it
// is malformed.
std::optional<HttpRequest> parse_request_head(std::string_view head);

// The bytes of `response`, closing the connection after it.
std::string serialize(const HttpResponse& response);

// Percent-decodes `text`; nullopt on a malformed escape.
std::optional<std::string> percent_decode(std::string_view text);

} // namespace polar::testing
