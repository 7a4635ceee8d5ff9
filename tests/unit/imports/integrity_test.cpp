// `sha256:` imports: verification against the αβ-normal form and the
// standard integrity cache.
#include "binary/encode.h"
#include "binary/hash.h"
#include "resolver_fixture.h"
#include "semantics/eval.h"
#include "support/file_io.h"

namespace polar::dhall {
namespace {

using testing::ResolverTest;

// The hash of `3`, and of `λ(x : Type) → x`, as the standard computes them.
constexpr const char* three = "15f52ecf91c94c1baac02d5a4964b2ed8fa401641a2c8a95e8306ec7c1e3b8d2";

std::vector<std::uint8_t> encoding_of(const std::string& source) {
  return encode(*alpha_normalize(normalize(parse_text(source))));
}

Sha256 hash_of(const std::string& source) {
  return sha256(encoding_of(source));
}

class IntegrityTest : public ResolverTest {
protected:
  std::filesystem::path cache_entry(const Sha256& hash) const {
    return tree.root() / "cache" / "dhall" / cache_file_name(hash);
  }
};

TEST_F(IntegrityTest, MatchingHashIsAcceptedAndCached) {
  write("three.dhall", "1 + 2");
  write("main.dhall", std::string("./three.dhall sha256:") + three);
  EXPECT_EQ(to_hex(hash_of("3")), three);
  EXPECT_EQ(load("main.dhall"), "3");
  auto cached = read_regular_file(cache_entry(hash_of("3")));
  ASSERT_TRUE(cached.has_value());
  auto expected = encoding_of("3");
  EXPECT_EQ(*cached, std::string(expected.begin(), expected.end()));
}

TEST_F(IntegrityTest, HashIsOfTheAlphaNormalForm) {
  write("id.dhall", "λ(a : Type) → λ(b : a) → b");
  write("main.dhall", "./id.dhall sha256:" + to_hex(hash_of("λ(_ : Type) → λ(_ : _) → _")));
  EXPECT_EQ(load("main.dhall"), "λ(_ : Type) → λ(_ : _) → _");
}

TEST_F(IntegrityTest, ProtectedImportsReadTheSameCachedOrNot) {
  write("id.dhall", "λ(a : Type) → a");
  write("main.dhall", "./id.dhall sha256:" + to_hex(hash_of("λ(_ : Type) → _")));
  auto first = load("main.dhall");
  std::filesystem::remove(tree.root() / "id.dhall");
  EXPECT_EQ(load("main.dhall"), first);
}

TEST_F(IntegrityTest, MismatchNamesBothHashes) {
  write("three.dhall", "3");
  write("main.dhall", "./three.dhall sha256:" + std::string(64, 'a'));
  auto error = load_error("main.dhall");
  EXPECT_NE(error.message().find(std::string(64, 'a')), std::string::npos);
  EXPECT_NE(error.message().find(three), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(cache_entry(hash_of("3"))));
}

TEST_F(IntegrityTest, HashIsCheckedEvenWhenThePathWasResolvedBefore) {
  write("three.dhall", "3");
  write("main.dhall", "./three.dhall + ./three.dhall sha256:" + std::string(64, 'a'));
  EXPECT_EQ(load_error("main.dhall").kind(), ErrorKind::import);
}

TEST_F(IntegrityTest, CachedEntryWinsOverTheFileAndOverAbsence) {
  options.trust_frozen = true; // the standard's cache-first order (stale_pins_test.cpp)
  auto bytes = encoding_of("\"from cache\"");
  write_file_atomically(cache_entry(sha256(bytes)), bytes);
  write("value.dhall", "\"from file\"");
  write("main.dhall", "{ a = missing sha256:" + to_hex(sha256(bytes)) +
                          ", b = ./value.dhall, c = ./value.dhall sha256:" + to_hex(sha256(bytes)) +
                          " }");
  EXPECT_EQ(load("main.dhall"), "{ a = \"from cache\", b = \"from file\", c = \"from cache\" }");
  EXPECT_EQ(load_file("main.dhall", options).dependencies.size(), 2U);
}

TEST_F(IntegrityTest, CorruptEntryIsIgnoredWithAWarningAndRepaired) {
  options.trust_frozen = true; // the standard's cache-first order (stale_pins_test.cpp)
  auto good = encoding_of("3");
  auto evil = encoding_of("\"evil\"");
  write_file_atomically(cache_entry(sha256(good)), evil);
  write("three.dhall", "3");
  write("main.dhall", std::string("./three.dhall sha256:") + three);
  EXPECT_EQ(load("main.dhall"), "3");
  ASSERT_EQ(warnings.size(), 1U);
  EXPECT_NE(warnings[0].find("do not match"), std::string::npos) << warnings[0];
  EXPECT_EQ(read_regular_file(cache_entry(sha256(good))), std::string(good.begin(), good.end()));
}

TEST_F(IntegrityTest, TruncatedEntryIsIgnoredWithAWarningAndRepaired) {
  options.trust_frozen = true; // the standard's cache-first order (stale_pins_test.cpp)
  auto good = encoding_of("{ a = 1, b = \"two\" }");
  write_file_atomically(cache_entry(sha256(good)), std::span(good).first(good.size() / 2));
  write("value.dhall", "{ a = 1, b = \"two\" }");
  write("main.dhall", "./value.dhall sha256:" + to_hex(sha256(good)));
  EXPECT_EQ(load("main.dhall"), "{ a = 1, b = \"two\" }");
  EXPECT_EQ(warnings.size(), 1U);
  EXPECT_EQ(read_regular_file(cache_entry(sha256(good))), std::string(good.begin(), good.end()));
  warnings.clear();
  std::filesystem::remove(tree.root() / "value.dhall"); // now only the cache has it
  EXPECT_EQ(load("main.dhall"), "{ a = 1, b = \"two\" }");
  EXPECT_TRUE(warnings.empty());
}

TEST_F(IntegrityTest, UndecodableEntryWithTheRightHashIsIgnored) {
  std::vector<std::uint8_t> garbage{0xFF, 0xFF, 0x00};
  write_file_atomically(cache_entry(sha256(garbage)), garbage);
  write("main.dhall", "missing sha256:" + to_hex(sha256(garbage)) + " ? 5");
  EXPECT_EQ(load("main.dhall"), "5");
  EXPECT_EQ(warnings.size(), 1U);
}

TEST_F(IntegrityTest, UnwritableCacheOnlyWarns) {
  options.integrity_cache = std::make_shared<DirectoryIntegrityCache>(
      std::vector<std::filesystem::path>{"/dev/null/dhall"});
  write("three.dhall", "3");
  write("main.dhall", std::string("./three.dhall sha256:") + three);
  EXPECT_EQ(load("main.dhall"), "3");
  EXPECT_EQ(warnings.size(), 1U);
}

TEST_F(IntegrityTest, DisabledCacheIsNeverConsulted) {
  auto bytes = encoding_of("1");
  write_file_atomically(cache_entry(sha256(bytes)), bytes);
  options.integrity_cache = disabled_integrity_cache();
  write("main.dhall", "missing sha256:" + to_hex(sha256(bytes)) + " ? 2");
  EXPECT_EQ(load("main.dhall"), "2");
}

TEST_F(IntegrityTest, TextImportsHashTheTextLiteral) {
  write("greeting.txt", "hi");
  write("main.dhall", "./greeting.txt sha256:" + to_hex(hash_of("\"hi\"")) + " as Text");
  EXPECT_EQ(load("main.dhall"), "\"hi\"");
}

TEST_F(IntegrityTest, LocationImportsIgnoreTheHash) {
  write("main.dhall", "./x.dhall sha256:" + std::string(64, 'b') + " as Location");
  EXPECT_NE(load("main.dhall").find("\"./x.dhall\""), std::string::npos);
}

} // namespace
} // namespace polar::dhall
