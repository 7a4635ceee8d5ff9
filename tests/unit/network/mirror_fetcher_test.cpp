// MirrorFetcher: directory and URL targets, longest prefix, escapes, and
// what goes to the inner fetcher.
#include <gtest/gtest.h>

#include "../imports/fake_fetcher.h"
#include "../imports/temp_tree.h"
#include "loopback_server.h"
#include "network/curl_fetcher.h"
#include "network/mirror_fetcher.h"

namespace polar::network {
namespace {

namespace fs = std::filesystem;
using polar::testing::HttpRequest;
using polar::testing::HttpResponse;
using polar::testing::LoopbackServer;

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

class MirrorFetcherTest : public ::testing::Test {
protected:
  MirrorRule directory_rule(std::string prefix, const fs::path& relative) {
    fs::create_directories(tree.root() / relative);
    return MirrorRule{std::move(prefix), DirectoryTarget{tree.root() / relative}};
  }

  dhall::FetchResult fetch(MirrorFetcher& mirrors, std::string url,
                           std::vector<dhall::HttpHeader> headers = {}) {
    return mirrors.fetch(dhall::FetchRequest{std::move(url), std::move(headers)});
  }

  dhall::testing::TempTree tree;
  std::shared_ptr<dhall::testing::FakeFetcher> inner =
      std::make_shared<dhall::testing::FakeFetcher>();
};

TEST_F(MirrorFetcherTest, DirectoryMirrorsServeFilesAsTrustedCopies) {
  tree.write("k8s/types/Pod.dhall", "{ name : Text }");
  tree.write("k8s/file with spaces.txt", "spaced");
  MirrorFetcher mirrors({directory_rule("https://raw.example.org/k8s/master", "k8s")}, inner);
  auto result = fetch(mirrors, "https://raw.example.org/k8s/master/types/Pod.dhall");
  ASSERT_TRUE(result.response) << result.failure;
  EXPECT_EQ(result.response->body, "{ name : Text }");
  std::vector<dhall::HttpHeader> cors{{"Access-Control-Allow-Origin", "*"}};
  EXPECT_EQ(result.response->headers, cors);
  auto spaced = fetch(mirrors, "https://raw.example.org/k8s/master/file%20with%20spaces.txt");
  ASSERT_TRUE(spaced.response) << spaced.failure;
  EXPECT_EQ(spaced.response->body, "spaced");
  EXPECT_TRUE(inner->requests.empty());
}

TEST_F(MirrorFetcherTest, AMissingFileFailsWithoutFallingBackToTheNetwork) {
  MirrorFetcher mirrors({directory_rule("https://a.org", "a")}, inner);
  inner->pages["https://a.org/x.dhall"] = {"1", {}};
  auto result = fetch(mirrors, "https://a.org/x.dhall");
  EXPECT_FALSE(result.response);
  EXPECT_TRUE(contains(result.failure, (tree.root() / "a" / "x.dhall").string())) << result.failure;
  EXPECT_TRUE(inner->requests.empty());
}

TEST_F(MirrorFetcherTest, PathsCannotEscapeTheDirectory) {
  tree.write("secret.txt", "no");
  MirrorFetcher mirrors({directory_rule("https://a.org", "a")}, inner);
  for (const char* url : {"https://a.org/../secret.txt", "https://a.org/%2e%2e/secret.txt",
                          "https://a.org/x/%2F..%2Fsecret.txt", "https://a.org/./x",
                          "https://a.org/x.dhall?v=1", "https://a.org/dir/", "https://a.org/%zz"}) {
    auto result = fetch(mirrors, url);
    EXPECT_FALSE(result.response) << url;
    EXPECT_TRUE(contains(result.failure, "mirror")) << result.failure;
  }
}

TEST_F(MirrorFetcherTest, TheLongestPrefixWins) {
  tree.write("general/pkg/x.dhall", "1");
  tree.write("specific/x.dhall", "2");
  MirrorFetcher mirrors(
      {directory_rule("https://a.org", "general"), directory_rule("https://a.org/pkg", "specific")},
      inner);
  EXPECT_EQ(fetch(mirrors, "https://a.org/pkg/x.dhall").response->body, "2");
  MirrorFetcher reversed(
      {directory_rule("https://a.org/pkg", "specific"), directory_rule("https://a.org", "general")},
      inner);
  EXPECT_EQ(fetch(reversed, "https://a.org/pkg/x.dhall").response->body, "2");
  tree.write("override/x.dhall", "3");
  MirrorFetcher overridden({directory_rule("https://a.org/pkg", "specific"),
                            directory_rule("https://a.org/pkg", "override")},
                           inner);
  EXPECT_EQ(fetch(overridden, "https://a.org/pkg/x.dhall").response->body, "3");
}

TEST_F(MirrorFetcherTest, OtherUrlsGoToTheInnerFetcher) {
  inner->pages["https://b.org/y.dhall"] = {"3", {}};
  inner->pages["https://a.orgx/y.dhall"] = {"4", {}};
  MirrorFetcher mirrors({directory_rule("https://a.org", "a")}, inner);
  EXPECT_EQ(fetch(mirrors, "https://b.org/y.dhall", {{"K", "v"}}).response->body, "3");
  EXPECT_EQ(fetch(mirrors, "https://a.orgx/y.dhall").response->body, "4");
  ASSERT_EQ(inner->requests.size(), 2U);
  EXPECT_EQ(inner->requests[0].headers, (std::vector<dhall::HttpHeader>{{"K", "v"}}));
}

TEST_F(MirrorFetcherTest, UrlMirrorsForwardTheRequestWithItsHeaders) {
  LoopbackServer server;
  server.route("/m/pkg/x.dhall", [](const HttpRequest& request) {
    return HttpResponse::text(request.header("Test").value_or("none"),
                              {{"Access-Control-Allow-Origin", "https://c.org"}});
  });
  MirrorFetcher mirrors({MirrorRule{"https://a.org", UrlTarget{server.url("/m")}}},
                        std::make_shared<CurlFetcher>());
  auto result = fetch(mirrors, "https://a.org/pkg/x.dhall", {{"Test", "Example"}});
  ASSERT_TRUE(result.response) << result.failure;
  EXPECT_EQ(result.response->body, "Example");
  EXPECT_EQ(result.response->headers.back(),
            (dhall::HttpHeader{"Access-Control-Allow-Origin", "https://c.org"}));
  auto missing = fetch(mirrors, "https://a.org/pkg/y.dhall");
  EXPECT_TRUE(contains(missing.failure, "HTTP 404 Not Found")) << missing.failure;
  EXPECT_TRUE(contains(missing.failure, server.url("/m/pkg/y.dhall"))) << missing.failure;
  EXPECT_TRUE(contains(missing.failure, "mirror")) << missing.failure;
}

} // namespace
} // namespace polar::network
