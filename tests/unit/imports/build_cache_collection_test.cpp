// Garbage collection of the build cache: least recently used entries first,
// down to three quarters of the limit, never an entry in use, old formats
// removed; and the resolver's use of it.
#include "imports/detail/build_cache_collection.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

#include "binary/hash.h"
#include "imports/detail/build_cache.h"
#include "resolver_fixture.h"
#include "support/file_io.h"
#include "syntax/parser.h"
#include "temp_tree.h"

namespace polar::dhall {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

Sha256 key_of(int number) {
  std::string text = "key " + std::to_string(number);
  return sha256(std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
}

class BuildCacheCollectionTest : public ::testing::Test {
protected:
  fs::path directory() const { return tree.root() / "cache"; }
  fs::path result_path(int number) const {
    return directory() / "v4" / "results" / to_hex(key_of(number));
  }

  // Stores result `number`, a few blocks large.
  void store(int number) {
    std::string text = "\"" + std::string(3 * 4096, 'x') + std::to_string(number) + "\"";
    cache.store(key_of(number), {}, key_of(number), *parse_text(text), *parse_text("Text"));
  }
  // The same, last used `age` ago.
  void store(int number, fs::file_time_type::duration age) {
    store(number);
    fs::last_write_time(result_path(number), now - age);
    fs::remove(directory() / "v4" / "sources" / to_hex(key_of(number)));
  }

  std::uint64_t entry_bytes(int number) const {
    return disk_bytes(fs::file_size(result_path(number)));
  }

  testing::TempTree tree;
  std::vector<std::string> warnings;
  BuildCache cache{directory(),
                   [this](std::string_view warning) { warnings.emplace_back(warning); }};
  fs::file_time_type now = fs::file_time_type::clock::now();
};

TEST_F(BuildCacheCollectionTest, LeastRecentlyUsedGoFirstDownToThreeQuarters) {
  for (int number = 0; number < 8; ++number) {
    store(number, std::chrono::hours(24 * (8 - number))); // 0 is the oldest
  }
  std::uint64_t each = entry_bytes(0);
  // A use makes an entry the most recent, whatever its age.
  ASSERT_TRUE(cache.result(key_of(1)));
  fs::last_write_time(result_path(1), now - 1h); // used an hour ago: not protected
  ASSERT_TRUE(cache.result(key_of(2)));
  fs::last_write_time(result_path(2), now - 2h);
  auto collection = collect_build_cache(directory(), 6 * each, now - 10min);
  EXPECT_EQ(collection.bytes_before, 8 * each);
  EXPECT_LE(collection.bytes_after, 6 * each / 4 * 3);
  EXPECT_EQ(collection.entries_removed, 4U);
  for (int removed : {0, 3, 4, 5}) {
    EXPECT_FALSE(fs::exists(result_path(removed))) << removed;
  }
  for (int kept : {1, 2, 6, 7}) {
    EXPECT_TRUE(cache.result(key_of(kept))) << kept;
  }
  EXPECT_TRUE(warnings.empty());
}

TEST_F(BuildCacheCollectionTest, UnderTheLimitNothingGoes) {
  for (int number = 0; number < 4; ++number) {
    store(number, std::chrono::hours(24 * 365));
  }
  auto collection = collect_build_cache(directory(), 4 * entry_bytes(0), now);
  EXPECT_EQ(collection.entries_removed, 0U);
  EXPECT_EQ(collection.bytes_after, collection.bytes_before);
}

TEST_F(BuildCacheCollectionTest, EntriesUsedRecentlyStayEvenOverTheLimit) {
  for (int number = 0; number < 4; ++number) {
    store(number, number < 2 ? 2min : 48h);
  }
  auto collection = collect_build_cache(directory(), 1, now - 10min);
  EXPECT_EQ(collection.entries_removed, 2U);
  EXPECT_TRUE(fs::exists(result_path(0)));
  EXPECT_TRUE(fs::exists(result_path(1)));
  EXPECT_EQ(collection.bytes_after, entry_bytes(0) + entry_bytes(1));
}

TEST_F(BuildCacheCollectionTest, AMappedEntryOutlivesItsRemoval) {
  store(0, 48h);
  auto before = map_regular_file(result_path(0));
  ASSERT_TRUE(before);
  std::vector<std::uint8_t> bytes(before->span().begin(), before->span().end());
  auto reading = cache.result(key_of(0)); // decoded lazily from its mapping
  ASSERT_TRUE(reading);
  fs::last_write_time(result_path(0), now - 48h);
  EXPECT_EQ(collect_build_cache(directory(), 1, now).entries_removed, 1U);
  EXPECT_FALSE(fs::exists(result_path(0)));
  EXPECT_TRUE(std::ranges::equal(before->span(), bytes));
  EXPECT_NE(print(*reading->expr).find("xx0\""), std::string::npos);
}

TEST_F(BuildCacheCollectionTest, OldFormatsAndAbandonedTemporariesGoOthersStay) {
  std::string entry(64, 'a');
  for (const char* format : {"v1", "v2", "v3"}) {
    tree.write(fs::path("cache") / format / "results" / entry, "polar-helm build cache\n");
    tree.write(fs::path("cache") / format / "sources" / entry, "polar-helm build cache\n");
  }
  tree.write("cache/v2/notes.txt", "someone's notes");
  // A writer that no longer runs (pid 2^22 + 1 is above Linux's pid_max), and
  // one running now (this process).
  auto abandoned = tree.write("cache/v4/results/." + entry + ".tmp-4194305-1234", "half an entry");
  auto live =
      tree.write("cache/v4/results/." + entry + ".tmp-" + std::to_string(::getpid()) + "-1234",
                 "being written");
  auto foreign = tree.write("cache/v4/results/README", "not an entry");
  ASSERT_TRUE(is_abandoned_temporary(abandoned.filename().string()));
  auto collection = collect_build_cache(directory(), 1U << 30, now);
  EXPECT_EQ(collection.entries_removed, 7U);
  EXPECT_FALSE(fs::exists(directory() / "v1"));
  EXPECT_FALSE(fs::exists(directory() / "v3"));
  EXPECT_FALSE(fs::exists(directory() / "v2" / "results"));
  EXPECT_TRUE(fs::exists(directory() / "v2" / "notes.txt"));
  EXPECT_FALSE(fs::exists(abandoned));
  EXPECT_TRUE(fs::exists(live));
  EXPECT_TRUE(fs::exists(foreign));
}

TEST_F(BuildCacheCollectionTest, ReadersAndWritersBesideARunningCollection) {
  // Entries come and go while other threads store and read them: every read
  // finds the whole entry or none, and nothing is reported corrupt.
  std::atomic<bool> done = false;
  std::thread collector([&] {
    while (!done) {
      collect_build_cache(directory(), 1, fs::file_time_type::max());
    }
  });
  for (int round = 0; round < 100; ++round) {
    int number = round % 5;
    store(number);
    if (auto found = cache.result(key_of(number))) {
      EXPECT_NE(print(*found->expr).find("x" + std::to_string(number) + "\""), std::string::npos);
    }
  }
  done = true;
  collector.join();
  EXPECT_TRUE(warnings.empty()) << warnings.front();
}

class CollectingResolverTest : public testing::ResolverTest {
protected:
  CollectingResolverTest() {
    options.build_cache_directory = tree.root() / "build-cache";
    options.build_cache_max_bytes = 1;
    write("values.dhall", "{ name = \"app\" }");
    write("main.dhall", "(./values.dhall).name");
  }
  fs::path stale_entry(char digit) const {
    return options.build_cache_directory / "v4" / "results" / std::string(64, digit);
  }
  void write_stale_entry(char digit) {
    write(fs::relative(stale_entry(digit), tree.root()), "an old entry");
    fs::last_write_time(stale_entry(digit), fs::file_time_type::clock::now() - 48h);
  }
};

TEST_F(CollectingResolverTest, ALoadThatStoresCollectsAtMostHourly) {
  write_stale_entry('a');
  EXPECT_EQ(load("main.dhall"), "\"app\"");
  EXPECT_FALSE(fs::exists(stale_entry('a')));
  // What the load stored was just used: it stays, and the next load hits.
  EXPECT_EQ(load_file("main.dhall", options).statistics.build_cache_hits, 1U);

  write_stale_entry('b');
  write("values.dhall", "{ name = \"app2\" }"); // a store, but within the hour
  EXPECT_EQ(load("main.dhall"), "\"app2\"");
  EXPECT_TRUE(fs::exists(stale_entry('b')));

  options.build_cache_max_bytes = 0; // never collected
  fs::remove(options.build_cache_directory / "last-collection");
  write("values.dhall", "{ name = \"app3\" }");
  EXPECT_EQ(load("main.dhall"), "\"app3\"");
  EXPECT_TRUE(fs::exists(stale_entry('b')));
  EXPECT_TRUE(warnings.empty());
}

TEST_F(CollectingResolverTest, AWarmLoadMarksWhatItReadAsUsed) {
  load("main.dhall");
  auto old = fs::file_time_type::clock::now() - 48h;
  std::vector<fs::path> entries;
  for (const auto& file : fs::recursive_directory_iterator(options.build_cache_directory)) {
    if (file.is_regular_file() && file.path().filename() != "last-collection") {
      fs::last_write_time(file.path(), old);
      entries.push_back(file.path());
    }
  }
  ASSERT_EQ(entries.size(), 4U); // the sources and the results of main.dhall and values.dhall
  EXPECT_EQ(load_file("main.dhall", options).statistics.build_cache_hits, 1U);
  // main.dhall's source and result, and values.dhall's source (to see it
  // unchanged); not values.dhall's result, which the hit did not need.
  auto used = std::ranges::count_if(
      entries, [&](const fs::path& entry) { return fs::last_write_time(entry) > old + 47h; });
  EXPECT_EQ(used, 3);
  // An edited main.dhall needs values.dhall's result, and marks it used.
  write("main.dhall", *read_regular_file(tree.root() / "main.dhall") + " ");
  EXPECT_EQ(load_file("main.dhall", options).statistics.build_cache_hits, 1U);
  for (const auto& entry : entries) {
    EXPECT_GT(fs::last_write_time(entry), old + 47h) << entry;
  }
}

// A warm load marks the entry it hits, not the entries that one needs (one
// utimensat for dhall-kubernetes' package.dhall, not 1,356): the collection
// keeps an entry as long as an entry that needs it (docs/imports.md,
// "Collection").
TEST_F(CollectingResolverTest, EntriesNeededByARecentlyUsedOneStay) {
  write("lib.dhall", "{ replicas = 3 }");
  write("package.dhall", "{ lib = ./lib.dhall }");
  write("top.dhall", "(./package.dhall).lib.replicas");
  options.build_cache_max_bytes = 0; // collected below, by hand
  EXPECT_EQ(load("top.dhall"), "3");
  fs::path lib_entry;
  fs::path package_entry;
  auto results = options.build_cache_directory / "v4" / "results";
  for (const auto& entry : fs::directory_iterator(results)) {
    // The package's entry spells out lib's type, so both name `replicas`;
    // top's (the root's, `3`) names neither.
    auto contents = *read_regular_file(entry.path());
    if (contents.find("replicas") != std::string::npos) {
      (contents.find("lib") != std::string::npos ? package_entry : lib_entry) = entry.path();
    }
  }
  ASSERT_FALSE(lib_entry.empty());
  ASSERT_FALSE(package_entry.empty());
  auto now = fs::file_time_type::clock::now();
  auto old = now - 48h;
  for (const auto& file : fs::recursive_directory_iterator(options.build_cache_directory / "v4")) {
    if (file.is_regular_file()) {
      fs::last_write_time(file.path(), old);
    }
  }

  // An edited root misses: the package is read from the cache.
  write("top.dhall", "(./package.dhall).lib.replicas -- edited");
  auto warm = load_file("top.dhall", options);
  EXPECT_EQ(print(*warm.normal_form()), "3");
  EXPECT_EQ(warm.statistics.build_cache_hits, 1U);
  EXPECT_EQ(warm.statistics.build_cache_results_read, 2U); // package, lib
  EXPECT_LT(fs::last_write_time(lib_entry), old + 1h);     // needed, not marked
  EXPECT_GT(fs::last_write_time(package_entry), old + 47h);

  collect_build_cache(options.build_cache_directory, 1, now - 10min);
  EXPECT_TRUE(fs::exists(package_entry));
  EXPECT_TRUE(fs::exists(lib_entry));
  // Once nothing that needs it was used recently, it goes.
  fs::last_write_time(package_entry, old);
  collect_build_cache(options.build_cache_directory, 1, now - 10min);
  EXPECT_FALSE(fs::exists(package_entry));
  EXPECT_FALSE(fs::exists(lib_entry));
  EXPECT_TRUE(warnings.empty()) << warnings.front();
}

} // namespace
} // namespace polar::dhall
