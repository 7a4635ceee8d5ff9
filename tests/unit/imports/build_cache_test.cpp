// The build cache's storage: keys, entries, corruption and concurrent
// writers. How the resolver uses it is in build_cache_resolver_test.cpp.
#include "imports/detail/build_cache.h"

#include <gtest/gtest.h>

#include <mutex>
#include <thread>

#include "binary/encode.h"
#include "binary/hash.h"
#include "binary/lazy_decode.h"
#include "support/file_io.h"
#include "syntax/parser.h"
#include "temp_tree.h"

namespace polar::dhall {
namespace {

namespace fs = std::filesystem;

LocalImport here(std::string file) {
  return LocalImport{FilePrefix::here, {}, std::move(file)};
}

BuildDependency dependency(const std::string& file, std::string_view contents) {
  return {ImportMode::code, here(file), source_key(ImportMode::code, "./" + file, contents)};
}

class BuildCacheTest : public ::testing::Test {
protected:
  fs::path cache_folder() const { return tree.root() / "cache" / "v4"; }

  // The one file of `kind` ("sources", "results", "types", "layouts") in
  // the cache.
  fs::path only_entry(const std::string& kind) const {
    std::vector<fs::path> entries;
    for (const auto& entry : fs::directory_iterator(cache_folder() / kind)) {
      entries.push_back(entry.path());
    }
    EXPECT_EQ(entries.size(), 1U) << kind;
    return entries.empty() ? fs::path() : entries.front();
  }

  // Copies the entry of `kind` stored under `from` over the one under `to`.
  void copy_entry(const std::string& kind, const Sha256& from, const Sha256& to) {
    fs::copy_file(cache_folder() / kind / to_hex(from), cache_folder() / kind / to_hex(to),
                  fs::copy_options::overwrite_existing);
  }

  void warn(std::string_view warning) {
    std::scoped_lock lock(warnings_mutex);
    warnings.emplace_back(warning);
  }

  testing::TempTree tree;
  std::mutex warnings_mutex; // writers on several threads
  std::vector<std::string> warnings;
  BuildCache cache{tree.root() / "cache", [this](std::string_view warning) { warn(warning); }};
  Sha256 source = source_key(ImportMode::code, "./values.dhall", "{ a = ./a.dhall }");
  std::vector<BuildDependency> dependencies{dependency("a.dhall", "1")};
  Sha256 key = result_key(source, dependencies);
  ExprPtr expr = parse_text("{ a = 1 }");
  ExprPtr type = parse_text("{ a : Natural }");
};

TEST(BuildCacheKeys, SourceKeysDependOnModeLocationAndBytes) {
  auto key = source_key(ImportMode::code, "./a.dhall", "1");
  EXPECT_EQ(key, source_key(ImportMode::code, "./a.dhall", "1"));
  EXPECT_NE(key, source_key(ImportMode::raw_text, "./a.dhall", "1"));
  EXPECT_NE(key, source_key(ImportMode::code, "./b.dhall", "1"));
  EXPECT_NE(key, source_key(ImportMode::code, "./a.dhall", "2"));
  // Lengths are part of what is hashed: moving bytes across fields changes it.
  EXPECT_NE(source_key(ImportMode::code, "./a", "b"), source_key(ImportMode::code, "./", "ab"));
  EXPECT_NE(key, absent_key(ImportMode::code, "./a.dhall"));
}

TEST(BuildCacheKeys, ResultKeysChangeWithAnyDependencyKey) {
  auto source = source_key(ImportMode::code, "./a.dhall", "./b.dhall + ./c.dhall");
  std::vector<BuildDependency> dependencies{dependency("b.dhall", "1"), dependency("c.dhall", "2")};
  auto key = result_key(source, dependencies);
  EXPECT_NE(key, result_key(source, {}));
  auto changed = dependencies;
  changed[1] = dependency("c.dhall", "3");
  EXPECT_NE(key, result_key(source, changed));
  std::swap(changed[0], changed[1]);
  EXPECT_NE(key, result_key(source, changed));
}

TEST_F(BuildCacheTest, EmptyCacheHasNothing) {
  EXPECT_EQ(cache.dependencies(source), std::nullopt);
  EXPECT_EQ(cache.result(key), std::nullopt);
  EXPECT_EQ(cache.protected_type(key), nullptr);
  EXPECT_TRUE(warnings.empty());
}

TEST_F(BuildCacheTest, StoresAndLoadsResults) {
  cache.store(source, dependencies, key, *expr, *type);
  EXPECT_EQ(cache.dependencies(source), dependencies);
  auto result = cache.result(key);
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(encode(*result->expr), encode(*expr));
  EXPECT_EQ(encode(*result->type), encode(*type));
  EXPECT_TRUE(warnings.empty());
}

TEST_F(BuildCacheTest, RemembersAResultTooLargeForItsDependencies) {
  EXPECT_FALSE(cache.result_too_large(source));
  cache.store_too_large(source, dependencies);
  EXPECT_TRUE(cache.result_too_large(source));
  EXPECT_EQ(cache.dependencies(source), dependencies);
  EXPECT_EQ(cache.result(key), std::nullopt);
  // Listed again with a stored result (other dependencies): no longer.
  cache.store(source, dependencies, key, *expr, *type);
  EXPECT_FALSE(cache.result_too_large(source));
  EXPECT_TRUE(warnings.empty());
}

TEST_F(BuildCacheTest, StoresAndLoadsProtectedTypes) {
  cache.store_protected_type(key, *type);
  auto loaded = cache.protected_type(key);
  ASSERT_NE(loaded, nullptr);
  EXPECT_EQ(encode(*loaded), encode(*type));
}

TEST_F(BuildCacheTest, StoresAndLoadsRecordLayouts) {
  EXPECT_EQ(cache.protected_layout(key), std::nullopt);
  auto layout = record_layout(encode(*parse_text("{ a = 1, b = [ True ] }")));
  ASSERT_TRUE(layout);
  cache.store_protected_layout(key, *layout);
  EXPECT_EQ(cache.protected_layout(key), layout);
  // A type entry is no layout: it is reported and ignored.
  cache.store_protected_type(key, *type);
  fs::copy_file(only_entry("types"), only_entry("layouts"), fs::copy_options::overwrite_existing);
  EXPECT_EQ(cache.protected_layout(key), std::nullopt);
  EXPECT_EQ(warnings.size(), 1U);
}

TEST_F(BuildCacheTest, DependenciesKeepEveryField) {
  dependencies.push_back({ImportMode::raw_bytes, LocalImport{FilePrefix::home, {"a b", "c"}, "d"},
                          absent_key(ImportMode::raw_bytes, "~/\"a b\"/c/d")});
  dependencies.push_back({ImportMode::raw_text, LocalImport{FilePrefix::parent, {}, "e"},
                          source_key(ImportMode::raw_text, "../e", "text")});
  cache.store(source, dependencies, key, *expr, *type);
  EXPECT_EQ(cache.dependencies(source), dependencies);
}

TEST_F(BuildCacheTest, FlippedByteIsReportedAndIgnored) {
  cache.store(source, dependencies, key, *expr, *type);
  for (const char* kind : {"results", "sources"}) {
    auto path = only_entry(kind);
    auto contents = *read_regular_file(path);
    contents.back() = static_cast<char>(contents.back() ^ 0x01);
    write_file_atomically(path, std::string_view(contents));
  }
  EXPECT_EQ(cache.result(key), std::nullopt);
  EXPECT_EQ(cache.dependencies(source), std::nullopt);
  ASSERT_EQ(warnings.size(), 2U);
  EXPECT_NE(warnings[0].find("checksum"), std::string::npos) << warnings[0];
  EXPECT_NE(warnings[0].find("will be replaced"), std::string::npos) << warnings[0];
}

TEST_F(BuildCacheTest, TruncatedEntriesAreReportedAndIgnored) {
  cache.store(source, dependencies, key, *expr, *type);
  auto path = only_entry("results");
  auto contents = *read_regular_file(path);
  for (std::size_t size : {std::size_t{0}, std::size_t{10}, contents.size() - 1}) {
    write_file_atomically(path, std::string_view(contents).substr(0, size));
    EXPECT_EQ(cache.result(key), std::nullopt) << size;
  }
  EXPECT_EQ(warnings.size(), 3U);
}

// A valid entry copied under another key (a poisoned shared cache) is
// corrupt: each entry names the key it was stored under.
TEST_F(BuildCacheTest, AnEntryCopiedUnderAnotherKeyIsReportedAndIgnored) {
  Sha256 other_source = source_key(ImportMode::code, "./other.dhall", "{ a = 2 }");
  Sha256 other_key = result_key(other_source, {});
  ExprPtr other_expr = parse_text("{ a = 2 }");
  cache.store(source, dependencies, key, *expr, *type);
  cache.store(other_source, {}, other_key, *other_expr, *type);
  copy_entry("results", key, other_key);
  copy_entry("sources", source, other_source);
  EXPECT_EQ(cache.result(other_key), std::nullopt);
  EXPECT_EQ(cache.dependencies(other_source), std::nullopt);
  ASSERT_EQ(warnings.size(), 2U);
  for (const auto& warning : warnings) {
    EXPECT_NE(warning.find("stored under another key"), std::string::npos) << warning;
    EXPECT_NE(warning.find("will be replaced"), std::string::npos) << warning;
  }
  EXPECT_NE(warnings[0].find(to_hex(other_key)), std::string::npos) << warnings[0];
  // The originals still read, and storing again replaces the copies.
  EXPECT_TRUE(cache.result(key).has_value());
  cache.store(other_source, {}, other_key, *other_expr, *type);
  auto result = cache.result(other_key);
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(encode(*result->expr), encode(*other_expr));
  EXPECT_EQ(warnings.size(), 2U);
}

TEST_F(BuildCacheTest, ATypeOrLayoutCopiedUnderAnotherHashIsReportedAndIgnored) {
  Sha256 other = source; // any other hash
  cache.store_protected_type(key, *type);
  cache.store_protected_type(other, *parse_text("Bool"));
  auto layout = record_layout(encode(*expr));
  ASSERT_TRUE(layout);
  cache.store_protected_layout(key, *layout);
  cache.store_protected_layout(other, RecordLayout{});
  copy_entry("types", key, other);
  copy_entry("layouts", key, other);
  EXPECT_EQ(cache.protected_type(other), nullptr);
  EXPECT_EQ(cache.protected_layout(other), std::nullopt);
  EXPECT_EQ(warnings.size(), 2U);
  EXPECT_NE(cache.protected_type(key), nullptr);
}

// An entry of one kind copied over the entry of another kind with the same
// key is just as foreign.
TEST_F(BuildCacheTest, AnEntryOfAnotherKindIsReportedAndIgnored) {
  cache.store_protected_type(key, *type);
  cache.store(source, dependencies, key, *expr, *type);
  fs::copy_file(only_entry("results"), cache_folder() / "types" / to_hex(key),
                fs::copy_options::overwrite_existing);
  EXPECT_EQ(cache.protected_type(key), nullptr);
  ASSERT_EQ(warnings.size(), 1U);
  EXPECT_NE(warnings[0].find("stored under another key"), std::string::npos) << warnings[0];
}

TEST_F(BuildCacheTest, RewritingReplacesACorruptEntry) {
  cache.store(source, dependencies, key, *expr, *type);
  write_file_atomically(only_entry("results"), std::string_view("garbage"));
  EXPECT_EQ(cache.result(key), std::nullopt);
  cache.store(source, dependencies, key, *expr, *type);
  EXPECT_TRUE(cache.result(key).has_value());
}

TEST_F(BuildCacheTest, UnwritableDirectoryOnlyWarns) {
  tree.write("blocked", "a file where the cache directory should be");
  BuildCache blocked(tree.root() / "blocked", [this](std::string_view warning) { warn(warning); });
  EXPECT_NO_THROW(blocked.store(source, dependencies, key, *expr, *type));
  EXPECT_NO_THROW(blocked.store_protected_type(key, *type));
  EXPECT_EQ(warnings.size(), 3U);
  EXPECT_EQ(blocked.result(key), std::nullopt);
}

TEST_F(BuildCacheTest, ConcurrentWritersOfOneEntryLeaveAValidEntry) {
  // Parallel build jobs store the same entries at the same time; readers in
  // between see no entry or a complete one, never a torn one.
  std::vector<std::jthread> writers;
  for (int writer = 0; writer < 4; ++writer) {
    writers.emplace_back([&] {
      for (int round = 0; round < 50; ++round) {
        cache.store(source, dependencies, key, *expr, *type);
      }
    });
  }
  for (int read = 0; read < 200; ++read) {
    if (auto result = cache.result(key)) {
      EXPECT_EQ(encode(*result->expr), encode(*expr));
    }
  }
  writers.clear();
  EXPECT_TRUE(cache.result(key).has_value());
  EXPECT_TRUE(warnings.empty()) << warnings.front();
  auto files =
      std::distance(fs::directory_iterator(cache_folder() / "results"), fs::directory_iterator());
  EXPECT_EQ(files, 1); // no temporary file left behind
}

} // namespace
} // namespace polar::dhall
