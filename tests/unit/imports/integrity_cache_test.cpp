#include "imports/integrity_cache.h"

#include <gtest/gtest.h>

#include <map>

#include "imports/file_io.h"
#include "syntax/source.h"
#include "temp_tree.h"

namespace polar::dhall {
namespace {

Sha256 some_hash() {
  Sha256 hash{};
  for (std::size_t i = 0; i < hash.size(); ++i) {
    hash[i] = static_cast<std::uint8_t>(i);
  }
  return hash;
}

const std::vector<std::uint8_t> bytes{0x82, 0x12, 0x61, 0x78};

TEST(FileIo, ReadsRegularFilesOnly) {
  testing::TempTree tree;
  tree.write("a.txt", "contents");
  EXPECT_EQ(read_regular_file(tree.root() / "a.txt"), "contents");
  EXPECT_EQ(read_regular_file(tree.root() / "missing.txt"), std::nullopt);
  EXPECT_THROW(read_regular_file(tree.root()), Error);
  EXPECT_THROW(read_regular_file("/dev/zero"), Error);
}

TEST(FileIo, AtomicWriteReplacesAndLeavesNoTemporaryFile) {
  testing::TempTree tree;
  auto path = tree.root() / "deep" / "dir" / "file";
  write_file_atomically(path, bytes);
  write_file_atomically(path, std::string_view("ok"));
  EXPECT_EQ(read_regular_file(path), "ok");
  auto entries = std::distance(std::filesystem::directory_iterator(path.parent_path()),
                               std::filesystem::directory_iterator());
  EXPECT_EQ(entries, 1);
}

TEST(IntegrityCache, FileNameIsAMultihash) {
  EXPECT_EQ(cache_file_name(some_hash()),
            "1220000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
}

TEST(IntegrityCache, StoresAndLoads) {
  testing::TempTree tree;
  DirectoryIntegrityCache cache({tree.root() / "dhall"});
  EXPECT_EQ(cache.load(some_hash()), std::nullopt);
  cache.store(some_hash(), bytes);
  EXPECT_EQ(cache.load(some_hash()), bytes);
  EXPECT_TRUE(std::filesystem::exists(tree.root() / "dhall" / cache_file_name(some_hash())));
}

TEST(IntegrityCache, ReadOnlyNeverWrites) {
  testing::TempTree tree;
  DirectoryIntegrityCache cache({tree.root()}, DirectoryIntegrityCache::Access::read_only);
  cache.store(some_hash(), bytes);
  EXPECT_EQ(cache.load(some_hash()), std::nullopt);
}

TEST(IntegrityCache, FallsBackToTheNextWritableDirectory) {
  testing::TempTree tree;
  tree.write("blocked", "a file where a directory should be");
  DirectoryIntegrityCache cache({tree.root() / "blocked" / "dhall", tree.root() / "home"});
  cache.store(some_hash(), bytes);
  EXPECT_EQ(read_regular_file(tree.root() / "home" / cache_file_name(some_hash())),
            std::string(bytes.begin(), bytes.end()));
}

TEST(IntegrityCache, StoreFailureIsAnIoError) {
  testing::TempTree tree;
  tree.write("blocked", "");
  DirectoryIntegrityCache cache({tree.root() / "blocked" / "dhall"});
  try {
    cache.store(some_hash(), bytes);
    FAIL() << "store into a file succeeded";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::io);
  }
}

TEST(IntegrityCache, StandardLocationsComeFromTheEnvironment) {
  testing::TempTree tree;
  std::map<std::string, std::string> variables{{"XDG_CACHE_HOME", (tree.root() / "xdg").string()},
                                               {"HOME", (tree.root() / "home").string()}};
  auto cache = standard_integrity_cache([&](const std::string& name) -> std::optional<std::string> {
    auto found = variables.find(name);
    return found == variables.end() ? std::nullopt : std::optional(found->second);
  });
  tree.write("home/.cache/dhall/" + cache_file_name(some_hash()), "from home");
  EXPECT_EQ(cache->load(some_hash()),
            (std::vector<std::uint8_t>{'f', 'r', 'o', 'm', ' ', 'h', 'o', 'm', 'e'}));
  cache->store(some_hash(), bytes);
  EXPECT_TRUE(
      std::filesystem::exists(tree.root() / "xdg" / "dhall" / cache_file_name(some_hash())));
}

TEST(IntegrityCache, NoLocationMeansStoreFails) {
  auto cache = standard_integrity_cache([](const std::string&) { return std::nullopt; });
  EXPECT_EQ(cache->load(some_hash()), std::nullopt);
  EXPECT_THROW(cache->store(some_hash(), bytes), Error);
}

} // namespace
} // namespace polar::dhall
