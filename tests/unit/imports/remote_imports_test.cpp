// Remote imports through a Fetcher: chaining, referential sanity, CORS and
// headers. A fake fetcher serves fixed responses; no network is used.
#include "fake_fetcher.h"
#include "resolver_fixture.h"

namespace polar::dhall {
namespace {

class RemoteTest : public testing::ResolverTest {
protected:
  RemoteTest() { options.fetcher = fetcher; }

  std::shared_ptr<testing::FakeFetcher> fetcher = std::make_shared<testing::FakeFetcher>();
};

TEST_F(RemoteTest, RemoteFilesChainRelativeImportsRemotely) {
  fetcher->pages["https://example.com/pkg/main.dhall"] = {"./sub/value.dhall + ../up.dhall", {}};
  fetcher->pages["https://example.com/pkg/sub/value.dhall"] = {"1", {}};
  fetcher->pages["https://example.com/up.dhall"] = {"2", {}};
  write("main.dhall", "https://example.com/pkg/main.dhall");
  EXPECT_EQ(load("main.dhall"), "3");
}

TEST_F(RemoteTest, LocationsInsideRemoteFiles) {
  fetcher->pages["https://example.com/a/b.dhall"] = {
      "[ ./c.dhall as Location, env:HOME as Location, missing as Location ]", {}};
  write("main.dhall", "https://example.com/a/b.dhall");
  std::string type = "< Local : Text | Remote : Text | Environment : Text | Missing >";
  EXPECT_TRUE(loads_as("main.dhall", "[ " + type + ".Remote \"https://example.com/a/c.dhall\", " +
                                         type + ".Environment \"HOME\", " + type + ".Missing ]"));
}

TEST_F(RemoteTest, RemoteFilesCannotImportLocalFilesOrVariables) {
  variables["DHALL_TEST_VAR"] = "1";
  write("secret.txt", "s");
  fetcher->pages["https://example.com/env.dhall"] = {"env:DHALL_TEST_VAR as Text", {}};
  fetcher->pages["https://example.com/file.dhall"] = {"/etc/passwd as Text ? 0", {}};
  write("env.dhall", "https://example.com/env.dhall");
  write("file.dhall", "https://example.com/file.dhall");
  auto error = load_error("env.dhall");
  EXPECT_NE(error.message().find("cannot import env:DHALL_TEST_VAR"), std::string::npos)
      << error.message();
  EXPECT_EQ(load_error("file.dhall").kind(), ErrorKind::import);
}

TEST_F(RemoteTest, RemoteFilesMayImportMissing) {
  fetcher->pages["https://example.com/a.dhall"] = {"missing ? 4", {}};
  write("main.dhall", "https://example.com/a.dhall");
  EXPECT_EQ(load("main.dhall"), "4");
}

TEST_F(RemoteTest, UnretrievableUrlsAreAbsent) {
  write("main.dhall", "https://example.com/404.dhall ? 5");
  EXPECT_EQ(load("main.dhall"), "5");
  write("bare.dhall", "https://example.com/404.dhall");
  auto error = load_error("bare.dhall");
  EXPECT_NE(error.message().find("404 Not Found"), std::string::npos);
}

TEST_F(RemoteTest, WithoutAFetcherRemoteImportsAreAbsent) {
  options.fetcher = nullptr;
  write("main.dhall", "https://example.com/a.dhall ? 6");
  EXPECT_EQ(load("main.dhall"), "6");
}

TEST_F(RemoteTest, CrossOriginImportsNeedCors) {
  fetcher->pages["https://a.org/x.dhall"] = {"https://b.org/y.dhall", {}};
  fetcher->pages["https://a.org/ok.dhall"] = {"https://c.org/y.dhall", {}};
  fetcher->pages["https://b.org/y.dhall"] = {"1", {}};
  fetcher->pages["https://c.org/y.dhall"] = {"2",
                                             {{"Access-Control-Allow-Origin", "https://a.org"}}};
  write("bad.dhall", "https://a.org/x.dhall ? 0");
  write("good.dhall", "https://a.org/ok.dhall");
  write("direct.dhall", "https://b.org/y.dhall");
  EXPECT_NE(load_error("bad.dhall").message().find("Access-Control-Allow-Origin"),
            std::string::npos);
  EXPECT_EQ(load("good.dhall"), "2");
  EXPECT_EQ(load("direct.dhall"), "1");
}

TEST_F(RemoteTest, HeadersAreSentAndForwardedToRelativeImportsOnly) {
  fetcher->pages["https://a.org/x.dhall"] = {"./y.dhall + https://b.org/z.dhall", {}};
  fetcher->pages["https://a.org/y.dhall"] = {"1", {}};
  fetcher->pages["https://b.org/z.dhall"] = {"2", {{"Access-Control-Allow-Origin", "*"}}};
  write("token.dhall", "\"t0ken\"");
  write("main.dhall",
        "https://a.org/x.dhall using [ { mapKey = \"Authorization\", mapValue = ./token.dhall } ]");
  EXPECT_EQ(load("main.dhall"), "3");
  ASSERT_EQ(fetcher->requests.size(), 3U);
  std::vector<HttpHeader> sent{{"Authorization", "t0ken"}};
  EXPECT_EQ(fetcher->requests[0].headers, sent);
  EXPECT_EQ(fetcher->requests[1].url, "https://a.org/y.dhall");
  EXPECT_EQ(fetcher->requests[1].headers, sent);
  EXPECT_EQ(fetcher->requests[2].url, "https://b.org/z.dhall");
  EXPECT_TRUE(fetcher->requests[2].headers.empty());
}

TEST_F(RemoteTest, HeadersAreCheckedInAnEmptyContext) {
  write("main.dhall",
        "let x = \"v\" in https://a.org/x.dhall using [ { mapKey = \"K\", mapValue = x } ]");
  EXPECT_EQ(load_error("main.dhall").kind(), ErrorKind::type);
  write("wrong.dhall", "https://a.org/x.dhall using [ 1 ]");
  EXPECT_EQ(load_error("wrong.dhall").kind(), ErrorKind::type);
}

TEST_F(RemoteTest, RemoteFilesAreNotDependencies) {
  fetcher->pages["https://a.org/x.dhall"] = {"1", {}};
  write("main.dhall", "https://a.org/x.dhall");
  EXPECT_EQ(load_file("main.dhall", options).dependencies.size(), 1U);
}

} // namespace
} // namespace polar::dhall
