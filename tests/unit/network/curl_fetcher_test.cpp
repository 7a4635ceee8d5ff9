// CurlFetcher against the loopback server: bodies, headers both ways, HTTP
// errors, redirects, timeouts and transport errors.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>

#include "loopback_server.h"
#include "network/curl_fetcher.h"

namespace polar::network {
namespace {

using polar::testing::HttpRequest;
using polar::testing::HttpResponse;
using polar::testing::LoopbackServer;
using namespace std::chrono_literals;

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

class CurlFetcherTest : public ::testing::Test {
protected:
  dhall::FetchResult get(const std::string& path, std::vector<dhall::HttpHeader> headers = {}) {
    return fetcher.fetch(dhall::FetchRequest{server.url(path), std::move(headers)});
  }

  LoopbackServer server;
  CurlFetcher fetcher{HttpTimeouts{2s, 5s}};
};

TEST_F(CurlFetcherTest, ReturnsTheBodyAndResponseHeaders) {
  server.route("/a.dhall", [](const HttpRequest&) {
    return HttpResponse::text("1 + 1", {{"Access-Control-Allow-Origin", "*"}, {"X-Empty", ""}});
  });
  auto result = get("/a.dhall");
  ASSERT_TRUE(result.response) << result.failure;
  EXPECT_EQ(result.response->body, "1 + 1");
  const auto& headers = result.response->headers;
  EXPECT_NE(std::find(headers.begin(), headers.end(),
                      dhall::HttpHeader{"Access-Control-Allow-Origin", "*"}),
            headers.end());
  EXPECT_NE(std::find(headers.begin(), headers.end(), dhall::HttpHeader{"X-Empty", ""}),
            headers.end());
}

TEST_F(CurlFetcherTest, HeaderValuesLoseTheirOptionalWhitespace) {
  server.route("/ows", [](const HttpRequest&) {
    return HttpResponse::text("1", {{"Access-Control-Allow-Origin", "\t * \t"}});
  });
  auto result = get("/ows");
  ASSERT_TRUE(result.response) << result.failure;
  const auto& headers = result.response->headers;
  EXPECT_NE(std::find(headers.begin(), headers.end(),
                      dhall::HttpHeader{"Access-Control-Allow-Origin", "*"}),
            headers.end());
}

TEST_F(CurlFetcherTest, SendsTheRequestHeaders) {
  server.route("/h", [](const HttpRequest&) { return HttpResponse::text("True"); });
  ASSERT_TRUE(
      get("/h", {{"Authorization", "Bearer abc"}, {"Test", "Example"}, {"Empty", ""}}).response);
  auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1U);
  EXPECT_EQ(requests[0].method, "GET");
  EXPECT_EQ(requests[0].target, "/h");
  EXPECT_EQ(requests[0].header("authorization"), "Bearer abc");
  EXPECT_EQ(requests[0].header("Test"), "Example");
  EXPECT_EQ(requests[0].header("Empty"), "");
}

TEST_F(CurlFetcherTest, HttpErrorsNameTheUrlAndStatus) {
  auto result = get("/nowhere.dhall");
  EXPECT_FALSE(result.response);
  EXPECT_TRUE(contains(result.failure, "HTTP 404 Not Found")) << result.failure;
  EXPECT_TRUE(contains(result.failure, server.url("/nowhere.dhall"))) << result.failure;

  server.route("/teapot", [](const HttpRequest&) {
    return HttpResponse::status_only(500, "Internal Server Error");
  });
  EXPECT_TRUE(contains(get("/teapot").failure, "HTTP 500 Internal Server Error"));
}

TEST_F(CurlFetcherTest, HeaderValuesNeverAppearInFailures) {
  server.route("/denied",
               [](const HttpRequest&) { return HttpResponse::status_only(403, "Forbidden"); });
  auto result = get("/denied", {{"Authorization", "Bearer s3cr3t-token"}});
  EXPECT_TRUE(contains(result.failure, "HTTP 403 Forbidden"));
  EXPECT_FALSE(contains(result.failure, "s3cr3t")) << result.failure;

  auto refused = get("/x", {{"Authorization", "s3cr3t\r\nInjected: 1"}});
  EXPECT_FALSE(refused.response);
  EXPECT_TRUE(contains(refused.failure, "Authorization")) << refused.failure;
  EXPECT_FALSE(contains(refused.failure, "s3cr3t")) << refused.failure;
  EXPECT_TRUE(server.requests().size() == 1U) << "a header with a line break must not be sent";
}

TEST_F(CurlFetcherTest, RedirectsAreNotFollowed) {
  server.route("/moved", [this](const HttpRequest&) {
    HttpResponse response = HttpResponse::status_only(302, "Found");
    response.headers.emplace_back("Location", server.url("/target"));
    return response;
  });
  server.route("/target", [](const HttpRequest&) { return HttpResponse::text("1"); });
  auto result = get("/moved");
  EXPECT_FALSE(result.response);
  EXPECT_TRUE(contains(result.failure, "HTTP 302 Found")) << result.failure;
  EXPECT_TRUE(contains(result.failure, "not followed")) << result.failure;
  ASSERT_EQ(server.requests().size(), 1U);
}

TEST_F(CurlFetcherTest, BodiesOverTheLimitAreRefused) {
  server.route("/huge.dhall", [](const HttpRequest&) {
    return HttpResponse::text(std::string(3 << 20, ' ') + "1", {});
  });
  server.route("/small.dhall", [](const HttpRequest&) { return HttpResponse::text("1", {}); });
  CurlFetcher limited(HttpTimeouts{2s, 5s}, std::size_t{1} << 20);
  auto huge = limited.fetch(dhall::FetchRequest{server.url("/huge.dhall"), {}});
  EXPECT_FALSE(huge.response);
  EXPECT_TRUE(contains(huge.failure, server.url("/huge.dhall"))) << huge.failure;
  EXPECT_TRUE(contains(huge.failure, "larger than 1 MiB")) << huge.failure;
  // The handle stays usable, and the default limit lets the body through.
  EXPECT_TRUE(limited.fetch(dhall::FetchRequest{server.url("/small.dhall"), {}}).response);
  EXPECT_TRUE(get("/huge.dhall").response);
}

TEST_F(CurlFetcherTest, ASilentServerTimesOut) {
  server.route("/hang", [](const HttpRequest&) {
    HttpResponse response;
    response.never_answer = true;
    return response;
  });
  CurlFetcher impatient(HttpTimeouts{1s, 300ms});
  auto start = std::chrono::steady_clock::now();
  auto result = impatient.fetch(dhall::FetchRequest{server.url("/hang"), {}});
  auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_FALSE(result.response);
  EXPECT_TRUE(contains(result.failure, "timed out after 0.3 s")) << result.failure;
  EXPECT_TRUE(contains(result.failure, server.url("/hang"))) << result.failure;
  EXPECT_LT(elapsed, 3s);
}

TEST_F(CurlFetcherTest, TransportErrorsNameTheUrl) {
  std::string url;
  {
    LoopbackServer gone;
    url = gone.url("/x.dhall");
  } // nothing listens on its port any more
  auto result = fetcher.fetch(dhall::FetchRequest{url, {}});
  EXPECT_FALSE(result.response);
  EXPECT_TRUE(contains(result.failure, url)) << result.failure;
  EXPECT_TRUE(contains(result.failure, "onnect")) << result.failure;
}

TEST_F(CurlFetcherTest, OnlyHttpAndHttpsAreSpoken) {
  auto result = fetcher.fetch(dhall::FetchRequest{"file:///etc/passwd", {}});
  EXPECT_FALSE(result.response);
  EXPECT_FALSE(contains(result.failure, "root:")) << result.failure;
}

} // namespace
} // namespace polar::network
