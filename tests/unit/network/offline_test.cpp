// End to end through the resolver: remote imports over real HTTP, mirrors
// and offline mode with the integrity cache.
#include <gtest/gtest.h>

#include "../imports/resolver_fixture.h"
#include "binary/hash.h"
#include "loopback_server.h"
#include "network/curl_fetcher.h"
#include "network/mirror_fetcher.h"
#include "network/offline_fetcher.h"

namespace polar::network {
namespace {

using polar::testing::LoopbackServer;

class NetworkLoadTest : public dhall::testing::ResolverTest {
protected:
  LoopbackServer server;
};

TEST_F(NetworkLoadTest, RemoteImportsChainOverHttp) {
  write("site/pkg/main.dhall", "./sub/two.dhall + 1");
  write("site/pkg/sub/two.dhall", "2");
  server.serve_directory("/", tree.root() / "site");
  options.fetcher = std::make_shared<CurlFetcher>();
  write("main.dhall", server.url("/pkg/main.dhall"));
  EXPECT_EQ(load("main.dhall"), "3");
  EXPECT_EQ(server.requests().size(), 2U);
}

TEST_F(NetworkLoadTest, HttpErrorsReachTheUserAndAreAbsent) {
  options.fetcher = std::make_shared<CurlFetcher>();
  write("main.dhall", server.url("/missing.dhall"));
  auto error = load_error("main.dhall");
  EXPECT_NE(error.message().find("HTTP 404 Not Found"), std::string::npos) << error.message();
  write("fallback.dhall", server.url("/missing.dhall") + " ? 7");
  EXPECT_EQ(load("fallback.dhall"), "7");
}

TEST_F(NetworkLoadTest, OfflineModeUsesMirrorsAndNeverTheNetwork) {
  write("copy/pkg.dhall", "42");
  options.fetcher = std::make_shared<MirrorFetcher>(
      std::vector<MirrorRule>{{"https://example.com/lib", DirectoryTarget{tree.root() / "copy"}}},
      std::make_shared<OfflineFetcher>());
  write("mirrored.dhall", "https://example.com/lib/pkg.dhall");
  EXPECT_EQ(load("mirrored.dhall"), "42");

  write("online.dhall", server.url("/x.dhall"));
  auto error = load_error("online.dhall");
  EXPECT_NE(error.message().find(server.url("/x.dhall")), std::string::npos) << error.message();
  EXPECT_NE(error.message().find("--mirror"), std::string::npos) << error.message();
  EXPECT_NE(error.message().find("sha256"), std::string::npos) << error.message();
  EXPECT_TRUE(is_absent("online.dhall"));
  write("fallback.dhall", server.url("/x.dhall") + " ? 5");
  EXPECT_EQ(load("fallback.dhall"), "5");
  EXPECT_TRUE(server.requests().empty());
}

TEST_F(NetworkLoadTest, OfflineModeReadsPinnedImportsFromTheIntegrityCache) {
  write("site/v.dhall", "{ a = 1 }");
  server.serve_directory("/", tree.root() / "site");
  std::string hash = dhall::semantic_hash(*dhall::parse_text("{ a = 1 }"));
  write("pinned.dhall", server.url("/v.dhall") + " " + hash);

  options.fetcher = std::make_shared<CurlFetcher>(); // online once: fills the cache
  EXPECT_EQ(load("pinned.dhall"), "{ a = 1 }");
  ASSERT_EQ(server.requests().size(), 1U);

  options.fetcher = std::make_shared<OfflineFetcher>();
  EXPECT_EQ(load("pinned.dhall"), "{ a = 1 }");
  EXPECT_EQ(server.requests().size(), 1U);
}

TEST_F(NetworkLoadTest, MirroredImportsKeepTheirIntegrityCheck) {
  write("copy/pkg.dhall", "1");
  options.fetcher = std::make_shared<MirrorFetcher>(
      std::vector<MirrorRule>{{"https://example.com", DirectoryTarget{tree.root() / "copy"}}},
      std::make_shared<OfflineFetcher>());
  std::string wrong = dhall::semantic_hash(*dhall::parse_text("2"));
  write("main.dhall", "https://example.com/pkg.dhall " + wrong + " ? 3");
  auto error = load_error("main.dhall");
  EXPECT_EQ(error.kind(), dhall::ErrorKind::import);
  EXPECT_FALSE(is_absent("main.dhall"));
}

} // namespace
} // namespace polar::network
