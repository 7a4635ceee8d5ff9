// Integrity cache entries stored in the background.
#include "imports/detail/cache_writer.h"

#include <gtest/gtest.h>

#include "binary/hash.h"
#include "support/file_io.h"
#include "temp_tree.h"

namespace polar::dhall {
namespace {

EncodingPtr bytes_of(std::string_view text) {
  return std::make_shared<const Encoding>(std::vector<std::uint8_t>(text.begin(), text.end()));
}

Sha256 hash_of(std::string_view text) {
  return sha256(*bytes_of(text));
}

TEST(CacheWriter, EveryEntryIsStoredWhenItFinishes) {
  testing::TempTree tree;
  auto directory = tree.root() / "dhall";
  CacheWriter writer(std::make_shared<DirectoryIntegrityCache>(std::vector{directory}));
  std::vector<std::string> texts;
  for (int entry = 0; entry < 200; ++entry) {
    texts.push_back("entry " + std::to_string(entry));
    writer.store(hash_of(texts.back()), bytes_of(texts.back()));
  }
  EXPECT_TRUE(writer.finish().empty());
  for (const auto& text : texts) {
    EXPECT_EQ(read_regular_file(directory / cache_file_name(hash_of(text))), text);
  }
  // It may be used again after finishing.
  writer.store(hash_of("later"), bytes_of("later"));
  EXPECT_TRUE(writer.finish().empty());
  EXPECT_EQ(read_regular_file(directory / cache_file_name(hash_of("later"))), "later");
}

TEST(CacheWriter, FailuresAreCollectedInOrder) {
  testing::TempTree tree;
  tree.write("blocked", "a file where the cache directory should be");
  CacheWriter writer(
      std::make_shared<DirectoryIntegrityCache>(std::vector{tree.root() / "blocked" / "dhall"}));
  writer.store(hash_of("a"), bytes_of("a"));
  writer.store(hash_of("b"), bytes_of("b"));
  auto failures = writer.finish();
  ASSERT_EQ(failures.size(), 2U);
  EXPECT_NE(failures[0].find(to_hex(hash_of("a"))), std::string::npos) << failures[0];
  EXPECT_NE(failures[1].find(to_hex(hash_of("b"))), std::string::npos) << failures[1];
  EXPECT_TRUE(writer.finish().empty()); // reported once
}

TEST(CacheWriter, DestructionWaitsForTheQueue) {
  testing::TempTree tree;
  auto directory = tree.root() / "dhall";
  {
    CacheWriter writer(std::make_shared<DirectoryIntegrityCache>(std::vector{directory}));
    for (int entry = 0; entry < 50; ++entry) {
      std::string text(10000, static_cast<char>('a' + entry % 26));
      text += std::to_string(entry);
      writer.store(hash_of(text), bytes_of(text));
    }
  }
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(directory),
                          std::filesystem::directory_iterator()),
            50);
}

} // namespace
} // namespace polar::dhall
