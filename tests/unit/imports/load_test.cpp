// reads_variables_or_secrets: which loaded values depend on more than the
// files they read, and so are never pinned nor put in the integrity cache.
#include "fake_fetcher.h"
#include "resolver_fixture.h"

namespace polar::dhall {
namespace {

class ReadsVariablesOrSecretsTest : public testing::ResolverTest {
protected:
  ReadsVariablesOrSecretsTest() { options.fetcher = fetcher; }

  bool reads(const std::string& main) {
    write("main.dhall", main);
    return reads_variables_or_secrets(load_file("main.dhall", options));
  }

  std::shared_ptr<testing::FakeFetcher> fetcher = std::make_shared<testing::FakeFetcher>();
};

TEST_F(ReadsVariablesOrSecretsTest, FilesAloneDoNot) {
  write("lib.dhall", "{ port = 80 }");
  EXPECT_FALSE(reads("./lib.dhall"));
}

TEST_F(ReadsVariablesOrSecretsTest, ASetVariableDoes) {
  variables["TOKEN"] = "t0ken";
  EXPECT_TRUE(reads("env:TOKEN as Text"));
}

TEST_F(ReadsVariablesOrSecretsTest, AnUnsetVariableWithAFallbackDoes) {
  EXPECT_TRUE(reads("env:UNSET as Text ? \"fallback\""));
}

TEST_F(ReadsVariablesOrSecretsTest, ASecretFileDoes) {
  write("db-secret.dhall", "\"hunter2\"");
  EXPECT_TRUE(reads("./db-secret.dhall"));
}

// A remote import looks DHALL_HEADERS up; unset, that does not count.
TEST_F(ReadsVariablesOrSecretsTest, LookingUpHeadersForARemoteImportDoesNot) {
  fetcher->pages["https://example.com/port.dhall"] = {"8080", {}};
  EXPECT_FALSE(reads("https://example.com/port.dhall"));
}

// Set, its value was read like any variable's (headers may hold tokens):
// read_sensitive_values says so.
TEST_F(ReadsVariablesOrSecretsTest, ReadingSetHeadersDoes) {
  fetcher->pages["https://example.com/port.dhall"] = {"8080", {}};
  variables["DHALL_HEADERS"] = "toMap { `example.com:443` = toMap { Accept = \"*/*\" } }";
  EXPECT_TRUE(reads("https://example.com/port.dhall"));
}

TEST(ReadsVariablesOrSecrets, DhallHeadersIsTheOnlyVariableThatDoesNotCount) {
  Loaded loaded;
  loaded.environment_variables = {"DHALL_HEADERS"};
  EXPECT_FALSE(reads_variables_or_secrets(loaded));
  loaded.environment_variables = {"DHALL_HEADERS", "IMAGE_TAG"};
  EXPECT_TRUE(reads_variables_or_secrets(loaded));
  loaded.environment_variables.clear();
  loaded.read_sensitive_values = true;
  EXPECT_TRUE(reads_variables_or_secrets(loaded));
}

} // namespace
} // namespace polar::dhall
