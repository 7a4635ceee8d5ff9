// Frozen local imports are checked against their files (docs/imports.md,
// "Stale pins"): an edited file fails the load with the fix, with or without
// the build cache, however deep the edit; --trust-frozen restores the
// standard's cache-first order.
#include "binary/encode.h"
#include "binary/hash.h"
#include "resolver_fixture.h"
#include "semantics/eval.h"

namespace polar::dhall {
namespace {

namespace fs = std::filesystem;

std::string hash_of(const std::string& source) {
  return to_hex(sha256(encode(*alpha_normalize(normalize(parse_text(source))))));
}

class StalePinTest : public testing::ResolverTest {
protected:
  StalePinTest() {
    write("lib.dhall", "{ port = 80 }");
    write("main.dhall", "(./lib.dhall sha256:" + hash_of("{ port = 80 }") + ").port");
  }

  void use_build_cache() { options.build_cache_directory = tree.root() / "build-cache"; }
};

TEST_F(StalePinTest, AFreshPinLoads) {
  EXPECT_EQ(load("main.dhall"), "80");
}

TEST_F(StalePinTest, AnEditedFileFailsWithItsLocationBothHashesAndTheFix) {
  load("main.dhall"); // the integrity cache now holds the old expression
  write("lib.dhall", "{ port = 81 }");
  Error error = load_error("main.dhall");
  EXPECT_EQ(error.kind(), ErrorKind::import);
  const std::string& message = error.message();
  EXPECT_NE(message.find("stale"), std::string::npos) << message;
  EXPECT_NE(message.find("sha256:" + hash_of("{ port = 80 }")), std::string::npos) << message;
  EXPECT_NE(message.find("sha256:" + hash_of("{ port = 81 }")), std::string::npos) << message;
  EXPECT_NE(message.find("polar-helm freeze main.dhall"), std::string::npos) << message;
  EXPECT_NE(error.format().find("main.dhall:1:2"), std::string::npos) << error.format();
}

TEST_F(StalePinTest, TrustFrozenTakesTheCachedExpression) {
  load("main.dhall");
  write("lib.dhall", "{ port = 81 }");
  options.trust_frozen = true;
  EXPECT_EQ(load("main.dhall"), "80");
}

TEST_F(StalePinTest, AMissingFileIsServedFromTheIntegrityCache) {
  load("main.dhall");
  fs::remove(tree.root() / "lib.dhall");
  EXPECT_EQ(load("main.dhall"), "80");
}

TEST_F(StalePinTest, AWarmBuildCacheChecksThePinWithoutParsingTheFile) {
  use_build_cache();
  EXPECT_EQ(load("main.dhall"), "80");
  auto warm = load_file("main.dhall", options);
  EXPECT_EQ(warm.statistics.files_parsed, 0U); // main is cached too
  EXPECT_EQ(warm.dependencies.size(), 2U);     // main, lib: an edit re-renders
  write("lib.dhall", "{ port = 81 }");
  EXPECT_NE(load_error("main.dhall").message().find("stale"), std::string::npos);
  write("lib.dhall", "{ port = 80 }"); // reverted: verified before
  auto reverted = load_file("main.dhall", options);
  EXPECT_EQ(reverted.statistics.files_parsed, 0U);
  EXPECT_TRUE(warnings.empty());
}

TEST_F(StalePinTest, AnEditBelowTheFrozenFileMakesItStale) {
  use_build_cache();
  write("port.dhall", "80");
  write("lib.dhall", "{ port = ./port.dhall }");
  EXPECT_EQ(load("main.dhall"), "80");
  write("port.dhall", "81");
  EXPECT_NE(load_error("main.dhall").message().find("stale"), std::string::npos);
}

TEST_F(StalePinTest, AnImporterFoundInTheBuildCacheDoesNotHideAStalePin) {
  use_build_cache();
  write("values.dhall", "./main.dhall + 1");
  write("top.dhall", "./values.dhall");
  EXPECT_EQ(load("top.dhall"), "81");
  write("lib.dhall", "{ port = 81 }");
  Error error = load_error("top.dhall");
  // Named as the resolver read it (an absolute path here).
  EXPECT_NE(error.message().find("main.dhall`"), std::string::npos) << error.message();
}

TEST_F(StalePinTest, TrustFrozenAndCheckedLoadsShareNoImporterEntries) {
  use_build_cache();
  write("values.dhall", "./main.dhall + 1");
  EXPECT_EQ(load("values.dhall"), "81");
  write("lib.dhall", "{ port = 81 }");
  options.trust_frozen = true;
  EXPECT_EQ(load("values.dhall"), "81"); // stores values without lib's key
  options.trust_frozen = false;
  EXPECT_NE(load_error("values.dhall").message().find("stale"), std::string::npos);
}

TEST_F(StalePinTest, TwoFilesWithOnePinAreCheckedEach) {
  write("copy.dhall", "{ port = 81 }");
  write("main.dhall", "./lib.dhall sha256:" + hash_of("{ port = 80 }") +
                          " ∧ ./copy.dhall sha256:" + hash_of("{ port = 80 }"));
  EXPECT_NE(load_error("main.dhall").message().find("copy.dhall"), std::string::npos);
}

TEST_F(StalePinTest, AStalePinOfAFileReadingAVariableHidesTheActualHash) {
  use_build_cache();
  variables["PORT"] = "80";
  write("lib.dhall", "{ port = env:PORT }");
  EXPECT_EQ(load("main.dhall"), "80");
  variables["PORT"] = "4242";
  std::string message = load_error("main.dhall").message();
  EXPECT_NE(message.find("stale"), std::string::npos) << message;
  EXPECT_EQ(message.find(hash_of("{ port = 4242 }")), std::string::npos) << message;
  EXPECT_EQ(message.find("4242"), std::string::npos) << message;
}

} // namespace
} // namespace polar::dhall
