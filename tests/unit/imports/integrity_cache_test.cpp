#include "imports/integrity_cache.h"

#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <thread>

#include "support/file_io.h"
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

// A copy of what the cache holds under some_hash(), for comparisons.
std::optional<std::vector<std::uint8_t>> loaded_bytes(IntegrityCache& cache) {
  auto loaded = cache.load(some_hash());
  if (!loaded) {
    return std::nullopt;
  }
  return std::vector<std::uint8_t>(loaded->span().begin(), loaded->span().end());
}

TEST(FileIo, ReadsRegularFilesOnly) {
  testing::TempTree tree;
  tree.write("a.txt", "contents");
  EXPECT_EQ(read_regular_file(tree.root() / "a.txt"), "contents");
  EXPECT_EQ(read_regular_file(tree.root() / "missing.txt"), std::nullopt);
  EXPECT_THROW(read_regular_file(tree.root()), Error);
  EXPECT_THROW(read_regular_file("/dev/zero"), Error);
}

TEST(FileIo, MapsLargeFilesAndReadsSmallOnes) {
  testing::TempTree tree;
  std::string large(256 * 1024, 'x');
  large.back() = 'y';
  tree.write("small", "tiny");
  tree.write("large", large);
  auto small_bytes = map_regular_file(tree.root() / "small");
  ASSERT_TRUE(small_bytes);
  EXPECT_TRUE(std::ranges::equal(small_bytes->span(), std::string_view("tiny")));
  auto tail = map_regular_file(tree.root() / "large")->subrange(large.size() - 2);
  // The subrange keeps the mapping alive after the handle it came from is gone.
  EXPECT_TRUE(std::ranges::equal(tail.span(), std::string_view("xy")));
  EXPECT_FALSE(map_regular_file(tree.root() / "missing"));
  EXPECT_THROW(map_regular_file(tree.root()), Error);
  EXPECT_THROW(map_regular_file("/dev/zero"), Error);
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
  EXPECT_EQ(loaded_bytes(cache), std::nullopt);
  cache.store(some_hash(), Encoding(bytes));
  EXPECT_EQ(loaded_bytes(cache), bytes);
  EXPECT_TRUE(std::filesystem::exists(tree.root() / "dhall" / cache_file_name(some_hash())));
}

TEST(FileIo, AtomicWriteOfPiecesLeavesNothingWhenTheProducerThrows) {
  testing::TempTree tree;
  auto path = tree.root() / "file";
  write_file_atomically(path, std::string_view("old"));
  auto fails = [](const PieceWriter& write) {
    write(bytes);
    throw Error(ErrorKind::io, "the producer failed");
  };
  EXPECT_THROW(write_file_atomically(path, fails), Error);
  EXPECT_EQ(read_regular_file(path), "old");
  auto entries = std::distance(std::filesystem::directory_iterator(tree.root()),
                               std::filesystem::directory_iterator());
  EXPECT_EQ(entries, 1);
}

TEST(IntegrityCache, StoresTheBytesAnEncodingStandsFor) {
  testing::TempTree tree;
  DirectoryIntegrityCache cache({tree.root()});
  // A part as large as the file's write buffer, and small ones around it.
  auto large = std::make_shared<const Encoding>(std::vector<std::uint8_t>(300 << 10, 0x5A));
  auto small = std::make_shared<const Encoding>(std::vector<std::uint8_t>{7, 8});
  auto inner = std::make_shared<const Encoding>(
      std::vector<std::uint8_t>{1, 2, 3}, std::vector<Encoding::Part>{{1, small}, {3, large}});
  Encoding outer({9}, {{0, inner}, {1, small}, {1, inner}});
  cache.store(some_hash(), outer);
  std::vector<std::uint8_t> expected = outer.bytes();
  EXPECT_EQ(expected.size(), 2 * (3 + 2 + (300 << 10)) + 1 + 2);
  EXPECT_EQ(loaded_bytes(cache), expected);
}

TEST(IntegrityCache, ReadOnlyNeverWrites) {
  testing::TempTree tree;
  DirectoryIntegrityCache cache({tree.root()}, DirectoryIntegrityCache::Access::read_only);
  cache.store(some_hash(), Encoding(bytes));
  EXPECT_EQ(loaded_bytes(cache), std::nullopt);
}

TEST(IntegrityCache, FallsBackToTheNextWritableDirectory) {
  testing::TempTree tree;
  tree.write("blocked", "a file where a directory should be");
  DirectoryIntegrityCache cache({tree.root() / "blocked" / "dhall", tree.root() / "home"});
  cache.store(some_hash(), Encoding(bytes));
  EXPECT_EQ(read_regular_file(tree.root() / "home" / cache_file_name(some_hash())),
            std::string(bytes.begin(), bytes.end()));
}

TEST(IntegrityCache, StoreFailureIsAnIoError) {
  testing::TempTree tree;
  tree.write("blocked", "");
  DirectoryIntegrityCache cache({tree.root() / "blocked" / "dhall"});
  try {
    cache.store(some_hash(), Encoding(bytes));
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
  EXPECT_EQ(loaded_bytes(*cache),
            (std::vector<std::uint8_t>{'f', 'r', 'o', 'm', ' ', 'h', 'o', 'm', 'e'}));
  cache->store(some_hash(), Encoding(bytes));
  EXPECT_TRUE(
      std::filesystem::exists(tree.root() / "xdg" / "dhall" / cache_file_name(some_hash())));
}

// Parallel build jobs resolve the same protected import and store the same
// entry at the same time. Readers must see no entry or the whole entry.
bool whole_or_nothing(DirectoryIntegrityCache& cache, const std::vector<std::uint8_t>& expected) {
  auto loaded = loaded_bytes(cache);
  return !loaded || *loaded == expected;
}

std::size_t files_in(const std::filesystem::path& directory) {
  return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(directory),
                                                std::filesystem::directory_iterator()));
}

TEST(IntegrityCache, ThreadsStoringOneEntry) {
  testing::TempTree tree;
  DirectoryIntegrityCache cache({tree.root() / "dhall"});
  std::vector<std::uint8_t> large(1 << 20, 0x5A); // big enough to be written in pieces
  std::atomic<bool> torn = false;
  {
    std::vector<std::jthread> writers;
    for (int writer = 0; writer < 4; ++writer) {
      writers.emplace_back([&] {
        for (int round = 0; round < 20; ++round) {
          cache.store(some_hash(), Encoding(large));
          if (!whole_or_nothing(cache, large)) {
            torn = true;
          }
        }
      });
    }
  }
  EXPECT_FALSE(torn);
  EXPECT_EQ(loaded_bytes(cache), large);
  EXPECT_EQ(files_in(tree.root() / "dhall"), 1U); // no temporary file left
}

TEST(IntegrityCache, ProcessesStoringOneEntry) {
  testing::TempTree tree;
  auto directory = tree.root() / "dhall";
  std::vector<std::uint8_t> large(1 << 20, 0xA5);
  std::vector<pid_t> children;
  for (int child = 0; child < 3; ++child) {
    pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      DirectoryIntegrityCache cache({directory});
      int failure = 0;
      for (int round = 0; round < 20; ++round) {
        try {
          cache.store(some_hash(), Encoding(large));
        } catch (const Error&) {
          failure = 1;
        }
        if (!whole_or_nothing(cache, large)) {
          failure = 2;
        }
      }
      _exit(failure);
    }
    children.push_back(pid);
  }
  for (pid_t pid : children) {
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_NE(WEXITSTATUS(status), 1) << "a store failed";
    EXPECT_NE(WEXITSTATUS(status), 2) << "a reader saw a torn entry";
  }
  DirectoryIntegrityCache cache({directory});
  EXPECT_EQ(loaded_bytes(cache), large);
  EXPECT_EQ(files_in(directory), 1U);
}

TEST(IntegrityCache, NoLocationMeansStoreFails) {
  auto cache = standard_integrity_cache([](const std::string&) { return std::nullopt; });
  EXPECT_EQ(loaded_bytes(*cache), std::nullopt);
  EXPECT_THROW(cache->store(some_hash(), Encoding(bytes)), Error);
}

} // namespace
} // namespace polar::dhall
