// The user's origin header configuration (DHALL_HEADERS, headers.dhall).
#include "imports/detail/user_headers.h"

#include "fake_fetcher.h"
#include "resolver_fixture.h"

namespace polar::dhall {
namespace {

RemoteImport url(Scheme scheme, std::string authority) {
  return RemoteImport{scheme, std::move(authority), {}, "x", std::nullopt, nullptr};
}

TEST(UserHeaders, OriginIsHostAndPort) {
  EXPECT_EQ(origin_of(url(Scheme::https, "example.com")), "example.com:443");
  EXPECT_EQ(origin_of(url(Scheme::http, "example.com")), "example.com:80");
  EXPECT_EQ(origin_of(url(Scheme::https, "me:pw@example.com:8443")), "example.com:8443");
  EXPECT_EQ(origin_of(url(Scheme::https, "[::1]")), "[::1]:443");
  EXPECT_EQ(origin_of(url(Scheme::https, "[::1]:8080")), "[::1]:8080");
}

TEST(UserHeaders, ConfigurationWinsOverInlineHeaders) {
  auto merged = merge_headers({{"User-Agent", "user"}}, {{"user-agent", "inline"}, {"X", "1"}});
  EXPECT_EQ(merged, (std::vector<HttpHeader>{{"User-Agent", "user"}, {"X", "1"}}));
}

class UserHeadersTest : public testing::ResolverTest {
protected:
  UserHeadersTest() {
    options.fetcher = fetcher;
    fetcher->pages["https://httpbin.org/user-agent"] = {"\"ok\"", {}};
    write("main.dhall", "https://httpbin.org/user-agent");
  }

  // The headers of the one request loading main.dhall makes.
  std::vector<HttpHeader> sent() {
    fetcher->requests.clear();
    load("main.dhall");
    EXPECT_EQ(fetcher->requests.size(), 1U);
    return fetcher->requests.empty() ? std::vector<HttpHeader>{} : fetcher->requests[0].headers;
  }

  static std::string configuration(const std::string& user_agent) {
    return "toMap { `httpbin.org:443` = toMap { `User-Agent` = " + user_agent +
           " }, `other.org:443` = toMap { Other = \"no\" } }";
  }

  std::shared_ptr<testing::FakeFetcher> fetcher = std::make_shared<testing::FakeFetcher>();
};

TEST_F(UserHeadersTest, NoConfigurationMeansNoHeaders) {
  EXPECT_TRUE(sent().empty());
}

TEST_F(UserHeadersTest, FromTheEnvironment) {
  variables["DHALL_HEADERS"] = configuration("\"Dhall\"");
  EXPECT_EQ(sent(), (std::vector<HttpHeader>{{"User-Agent", "Dhall"}}));
}

TEST_F(UserHeadersTest, FromXdgConfigHomeThenHome) {
  write("home/.config/dhall/headers.dhall", configuration("\"home\""));
  EXPECT_EQ(sent(), (std::vector<HttpHeader>{{"User-Agent", "home"}}));
  write("xdg/dhall/headers.dhall", configuration("\"xdg\""));
  variables["XDG_CONFIG_HOME"] = (tree.root() / "xdg").string();
  EXPECT_EQ(sent(), (std::vector<HttpHeader>{{"User-Agent", "xdg"}}));
}

TEST_F(UserHeadersTest, ConfigurationMayImportLocalFilesAndVariables) {
  write("agent.dhall", "\"from file\"");
  variables["DHALL_HEADERS"] = configuration("./agent.dhall");
  EXPECT_EQ(sent(), (std::vector<HttpHeader>{{"User-Agent", "from file"}}));
  variables["AGENT"] = "from env";
  variables["DHALL_HEADERS"] = configuration("env:AGENT as Text");
  EXPECT_EQ(sent(), (std::vector<HttpHeader>{{"User-Agent", "from env"}}));
}

TEST_F(UserHeadersTest, ConfigurationOverridesInlineHeaders) {
  variables["DHALL_HEADERS"] = configuration("\"user\"");
  write("main.dhall", "https://httpbin.org/user-agent using [ { mapKey = \"User-Agent\", "
                      "mapValue = \"inline\" }, { mapKey = \"Accept\", mapValue = \"*\" } ]");
  EXPECT_EQ(sent(), (std::vector<HttpHeader>{{"User-Agent", "user"}, {"Accept", "*"}}));
}

TEST_F(UserHeadersTest, RemoteImportsInTheConfigurationAreCycles) {
  write("home/.config/dhall/headers.dhall", configuration("http://example.com as Text"));
  auto error = load_error("main.dhall");
  EXPECT_NE(error.message().find("cyclic"), std::string::npos) << error.message();
  EXPECT_TRUE(fetcher->requests.empty());
  // From the environment the same failure is reported without details.
  variables["DHALL_HEADERS"] = configuration("http://example.com as Text");
  EXPECT_EQ(load_error("main.dhall").kind(), ErrorKind::import);
  EXPECT_TRUE(fetcher->requests.empty());
}

TEST_F(UserHeadersTest, BrokenConfigurationIsNotShown) {
  variables["DHALL_HEADERS"] = "toMap { `httpbin.org:443` = toMap { Authorization = \"t0ken";
  auto error = load_error("main.dhall");
  EXPECT_EQ(error.format().find("t0ken"), std::string::npos) << error.format();
  variables["DHALL_HEADERS"] = "[ \"t0ken\" ]";
  error = load_error("main.dhall");
  EXPECT_EQ(error.kind(), ErrorKind::type);
  EXPECT_EQ(error.format().find("t0ken"), std::string::npos) << error.format();
}

TEST_F(UserHeadersTest, LocalFilesNeverLoadTheConfiguration) {
  variables["DHALL_HEADERS"] = "[";
  write("local.dhall", "1");
  EXPECT_EQ(load("local.dhall"), "1");
}

} // namespace
} // namespace polar::dhall
