// Freeze over real code, as `polar-helm freeze` runs it (in dependency
// order, each file rewritten in place), on copies of the Prelude and of
// dhall-kubernetes in a scratch folder (../shared is only read): freezing
// twice changes nothing more, every file keeps its semantic hash, and every
// comment is kept byte for byte.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "../imports/temp_tree.h"
#include "binary/hash.h"
#include "imports/freeze.h"
#include "imports/load.h"
#include "semantics/eval.h"
#include "support/file_io.h"
#include "syntax/parser.h"
#include "syntax/source_notes.h"

namespace polar::dhall {
namespace {

namespace fs = std::filesystem;

const fs::path shared_dir = POLAR_HELM_SHARED_DIR;

// No integrity cache of the user's is read or filled, nothing is fetched:
// dhall-kubernetes' Prelude.dhall takes the Prelude from DHALL_PRELUDE, the
// copy of v17 in ../shared its pins name.
LoadOptions offline_options() {
  LoadOptions options;
  std::string prelude = (shared_dir / "dhall-prelude-v17.0.0" / "package.dhall").string();
  options.environment = [prelude](const std::string& name) {
    return name == "DHALL_PRELUDE" ? std::optional<std::string>(prelude) : std::nullopt;
  };
  return options;
}

SourcePtr read_source(const fs::path& file) {
  auto text = read_regular_file(file);
  EXPECT_TRUE(text.has_value()) << file;
  return std::make_shared<const SourceFile>(SourceFile{file.string(), text.value_or("")});
}

std::string meaning(const fs::path& file, const LoadOptions& options) {
  return semantic_hash(
      *alpha_normalize(load_source(read_source(file), file.parent_path(), options).normal_form()));
}

std::vector<std::string> comments(const fs::path& file) {
  SourcePtr source = read_source(file);
  std::vector<std::string> result;
  for (const Comment& comment : parse_with_notes(source).notes.comments) {
    result.push_back(source->text.substr(comment.begin, comment.end - comment.begin));
  }
  return result;
}

std::vector<fs::path> dhall_files(const fs::path& folder) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(folder)) {
    if (entry.is_regular_file() && entry.path().extension() == ".dhall") {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

// One run of `polar-helm freeze FILE...`: how many files it rewrote.
std::size_t freeze_files(const std::vector<fs::path>& files, const FreezeOptions& freeze,
                         const LoadOptions& options) {
  std::size_t rewritten = 0;
  for (const fs::path& file : in_dependency_order(files, options)) {
    SCOPED_TRACE(file.string());
    SourcePtr source = read_source(file);
    FrozenSource frozen = freeze_source(source, file.parent_path(), freeze, options);
    if (frozen.text != source->text) {
      write_file_atomically(file, frozen.text);
      ++rewritten;
    }
  }
  return rewritten;
}

// What the first run is expected to rewrite.
enum class Rewrites { none, some, any };

struct Expectations {
  std::size_t at_least_files;
  Rewrites rewrites;
};

// Copies `tree` (a folder of ../shared) into a scratch folder and freezes
// the files below its `folder`.
void expect_freeze_round_trips(const fs::path& tree, const fs::path& folder,
                               const FreezeOptions& freeze, const Expectations& expected) {
  if (!fs::is_directory(tree / folder)) {
    GTEST_SKIP() << "no " << (tree / folder) << " (../shared is not there)";
  }
  testing::TempTree scratch;
  fs::path copy = scratch.root() / tree.filename();
  fs::copy(tree, copy, fs::copy_options::recursive);
  std::vector<fs::path> files = dhall_files(copy / folder);
  ASSERT_GE(files.size(), expected.at_least_files);
  LoadOptions options = offline_options();

  std::map<fs::path, std::string> meanings;
  std::map<fs::path, std::vector<std::string>> comments_before;
  for (const fs::path& file : files) {
    meanings[file] = meaning(file, options);
    comments_before[file] = comments(file);
  }
  std::size_t rewritten = freeze_files(files, freeze, options);
  if (expected.rewrites == Rewrites::none) {
    EXPECT_EQ(rewritten, 0U) << "the files are frozen in that form already";
  } else if (expected.rewrites == Rewrites::some) {
    EXPECT_GT(rewritten, 0U);
  }
  for (const fs::path& file : files) {
    SCOPED_TRACE(file.string());
    EXPECT_EQ(meaning(file, options), meanings[file]);
    EXPECT_EQ(comments(file), comments_before[file]);
  }
  EXPECT_EQ(freeze_files(files, freeze, options), 0U) << "freezing twice changed more";
}

const fs::path prelude_tree = shared_dir / "dhall-lang" / "Prelude";
const fs::path kubernetes_tree = shared_dir / "dhall-kubernetes";

TEST(FreezeRoundTrip, PreludeTurnsItsCacheFormIntoPins) {
  // The Prelude imports its files as `missing sha256:H ? ./x.dhall`; freeze
  // without --cache writes them `./x.dhall sha256:H`.
  expect_freeze_round_trips(prelude_tree, ".", FreezeOptions{}, {250, Rewrites::some});
}

TEST(FreezeRoundTrip, PreludeIsFrozenWithCacheAlready) {
  expect_freeze_round_trips(prelude_tree, ".", FreezeOptions{.all = false, .cache = true},
                            {250, Rewrites::none});
}

TEST(FreezeRoundTrip, PreludeWithAllAndCache) {
  expect_freeze_round_trips(prelude_tree, ".", FreezeOptions{.all = true, .cache = true},
                            {250, Rewrites::any});
}

TEST(FreezeRoundTrip, KubernetesExamplesWithAllAndCache) {
  expect_freeze_round_trips(kubernetes_tree, "examples", FreezeOptions{.all = true, .cache = true},
                            {5, Rewrites::some});
}

// The comments inside what a change of form removes (`missing … ?`, an
// import's own pin) are written back next to the import.
std::string frozen(const std::string& text, const FreezeOptions& freeze) {
  testing::TempTree tree;
  tree.write("a.dhall", "1\n");
  auto source = std::make_shared<const SourceFile>(SourceFile{"test.dhall", text});
  return freeze_source(source, tree.root(), freeze, offline_options()).text;
}

const std::string zeros(64, '0');
const std::string pin_of_one =
    "sha256:d60d8415e36e86dae7f42933d3b0c4fe3ca238f057fba206c7e9fbf5d784fe15";

TEST(FreezeComments, CacheFormToPinKeepsTheCommentsOfMissing) {
  EXPECT_EQ(frozen("let a =\n      missing {- one -}\n        sha256:" + zeros +
                       "\n    ? {- two -} ./a.dhall\n\nin  a\n",
                   FreezeOptions{}),
            "let a =\n      {- one -} {- two -} ./a.dhall " + pin_of_one + "\n\nin  a\n");
}

TEST(FreezeComments, PinToCacheFormKeepsTheCommentsAroundThePin) {
  EXPECT_EQ(frozen("./a.dhall {- one -} sha256:" + zeros + " {- two -}\n",
                   FreezeOptions{.all = false, .cache = true}),
            "missing " + pin_of_one + " ? ./a.dhall {- one -} {- two -}\n");
}

TEST(FreezeComments, ALineCommentBeforeThePinEndsItsLine) {
  std::string once =
      frozen("let a =\n      ./a.dhall -- one\n        sha256:" + zeros + "\n\nin  a\n",
             FreezeOptions{.all = false, .cache = true});
  EXPECT_EQ(once, "let a =\n      missing " + pin_of_one + " ? ./a.dhall -- one\n\nin  a\n");
  EXPECT_EQ(frozen(once, FreezeOptions{}),
            "let a =\n      ./a.dhall " + pin_of_one + " -- one\n\nin  a\n");
}

} // namespace
} // namespace polar::dhall
