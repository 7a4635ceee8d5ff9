// The resolver with a build cache: warm loads skip parsing and checking of
// unchanged imports, any change below an import invalidates it, and nothing
// volatile or secret is ever stored.
#include <functional>
#include <mutex>
#include <thread>

#include "binary/encode.h"
#include "binary/hash.h"
#include "fake_fetcher.h"
#include "resolver_fixture.h"
#include "semantics/eval.h"
#include "support/file_io.h"

namespace polar::dhall {
namespace {

namespace fs = std::filesystem;

// A small stand-in for dhall-kubernetes: schemas with types and defaults.
constexpr std::string_view package = R"(
let Meta = { name : Optional Text, labels : List { mapKey : Text, mapValue : Text } }
in  { ObjectMeta =
      { Type = Meta
      , default = { name = None Text, labels = [] : List { mapKey : Text, mapValue : Text } }
      }
    , Deployment =
      { Type = { metadata : Meta, replicas : Natural }, default.replicas = 1 }
    }
)";

std::string hash_of(std::string_view source) {
  return to_hex(sha256(encode(*alpha_normalize(normalize(parse_text(std::string(source)))))));
}

class BuildCacheResolverTest : public testing::ResolverTest {
protected:
  BuildCacheResolverTest() {
    options.build_cache_directory = tree.root() / "build-cache";
    write("k8s.dhall", package);
    write("values.dhall", "let k = ./k8s.dhall sha256:" + hash_of(package) +
                              "\nin  { k8s = k, name = \"app\", "
                              "meta = k.ObjectMeta::{ name = Some \"app\" } }");
    write("main.dhall", "let v = ./values.dhall in v.k8s.Deployment::{ metadata = v.meta }");
  }

  Loaded load_with_stats(const fs::path& relative) { return load_file(relative, options); }

  // Every byte stored in the build cache, concatenated.
  std::string build_cache_contents() const {
    std::string contents;
    if (!fs::exists(options.build_cache_directory)) {
      return contents;
    }
    for (const auto& entry : fs::recursive_directory_iterator(options.build_cache_directory)) {
      if (entry.is_regular_file()) {
        contents += *read_regular_file(entry.path());
      }
    }
    return contents;
  }

  // The folder of the entries of `kind` ("results", "types", ...).
  fs::path build_cache_folder(const std::string& kind) const {
    return options.build_cache_directory / "v4" / kind;
  }

  // Writes `file` again with a comment appended: its own result is no
  // longer the cached one, what it imports still is.
  void edit_root(const std::string& file) {
    write(file, *read_regular_file(tree.root() / file) + "\n-- edited\n");
  }

  // package.dhall: the record { l1 = ./lib1.dhall, ... } of `count` files,
  // lib<n>.dhall holding `lib(n)`. Returns the record's fields.
  std::string write_package(int count, const std::function<std::string(const std::string&)>& lib) {
    std::string fields;
    for (int i = 1; i <= count; ++i) {
      auto n = std::to_string(i);
      write("lib" + n + ".dhall", lib(n));
      fields += (i > 1 ? ", l" : "l") + n + " = ./lib" + n + ".dhall";
    }
    write("package.dhall", "{ " + fields + " }");
    return fields;
  }

  std::size_t build_cache_files(const std::string& kind) const {
    auto directory = build_cache_folder(kind);
    if (!fs::exists(directory)) {
      return 0;
    }
    return static_cast<std::size_t>(
        std::distance(fs::directory_iterator(directory), fs::directory_iterator()));
  }
};

::testing::AssertionResult same_result(const Loaded& a, const Loaded& b) {
  if (encode(*a.normal_form()) == encode(*b.normal_form()) &&
      encode(*a.type()) == encode(*b.type())) {
    return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure() << print(*a.normal_form()) << "\nis not\n"
                                       << print(*b.normal_form());
}

TEST_F(BuildCacheResolverTest, WarmLoadOfAnEditedRootParsesAndChecksOnlyTheRoot) {
  auto cold = load_with_stats("main.dhall");
  EXPECT_EQ(cold.statistics.files_parsed, 3U); // main, values, k8s
  EXPECT_EQ(cold.statistics.expressions_type_checked, 3U);
  EXPECT_EQ(cold.statistics.build_cache_hits, 0U);
  // k8s is a frozen local import, checked against its file: stored like
  // values; and main, the root.
  EXPECT_EQ(cold.statistics.build_cache_misses, 3U);
  EXPECT_EQ(cold.statistics.build_cache_stores, 4U); // main, values, k8s, the type of k8s

  edit_root("main.dhall");
  auto warm = load_with_stats("main.dhall");
  EXPECT_EQ(warm.statistics.files_parsed, 1U);
  EXPECT_EQ(warm.statistics.expressions_type_checked, 1U);
  EXPECT_EQ(warm.statistics.build_cache_hits, 1U);   // values
  EXPECT_EQ(warm.statistics.build_cache_misses, 1U); // main, edited
  EXPECT_EQ(warm.statistics.build_cache_stores, 1U); // main
  EXPECT_TRUE(same_result(cold, warm));
  EXPECT_TRUE(warnings.empty());
}

// The file a load starts from is cached as the by-path import it is: an
// unchanged one is neither parsed nor type-checked, and what it imports is
// not read from the integrity cache.
TEST_F(BuildCacheResolverTest, AnUnchangedRootIsNeitherParsedNorChecked) {
  auto fetcher = std::make_shared<testing::FakeFetcher>();
  options.fetcher = fetcher;
  fetcher->pages["https://example.com/k8s.dhall"] = {std::string(package), {}};
  write("remote.dhall", "let k = https://example.com/k8s.dhall sha256:" + hash_of(package) +
                            "\nin  k.Deployment::{ metadata = (./values.dhall).meta }");
  auto cold = load_with_stats("remote.dhall");
  EXPECT_EQ(cold.statistics.build_cache_stores, 5U); // remote, values, k8s, two types
  ASSERT_EQ(fetcher->requests.size(), 1U);

  // The pinned package is in neither place now: only the build cache answers.
  fetcher->pages.clear();
  fs::remove_all(tree.root() / "cache" / "dhall");
  auto warm = load_with_stats("remote.dhall");
  EXPECT_EQ(warm.statistics.files_parsed, 0U);
  EXPECT_EQ(warm.statistics.expressions_type_checked, 0U);
  EXPECT_EQ(warm.statistics.build_cache_hits, 1U);
  EXPECT_EQ(warm.statistics.build_cache_misses, 0U);
  EXPECT_EQ(warm.statistics.build_cache_stores, 0U);
  EXPECT_EQ(fetcher->requests.size(), 1U);
  EXPECT_TRUE(same_result(cold, warm));
  EXPECT_EQ(warm.dependencies, cold.dependencies);
  EXPECT_TRUE(warnings.empty()) << warnings.front();

  // An edited root misses, and so needs the package again.
  edit_root("remote.dhall");
  EXPECT_EQ(load_error("remote.dhall").kind(), ErrorKind::import);
}

// A result whose encoding passes the bound (8 MiB of text here) is read
// back once per dependency list: the cache remembers that it was too large,
// and the next load neither reads it back nor stores it.
TEST_F(BuildCacheResolverTest, AResultTooLargeIsReadBackOnlyOnce) {
  std::string doubling = "let t0 = \"" + std::string(1024, 'x') + "\"\n";
  for (int i = 1; i <= 13; ++i) {
    std::string previous = "t" + std::to_string(i - 1);
    doubling += "let t" + std::to_string(i) + " = " + previous + " ++ " + previous + "\n";
  }
  write("big.dhall", doubling + "in  t13");
  write("root.dhall", "let big = ./big.dhall in { size = \"large\", big }");
  auto cold = load_with_stats("root.dhall");
  EXPECT_EQ(cold.statistics.build_cache_too_large, 2U); // big.dhall and the root
  EXPECT_EQ(cold.statistics.build_cache_stores, 0U);

  auto warm = load_with_stats("root.dhall");
  EXPECT_EQ(warm.statistics.build_cache_too_large, 0U);
  EXPECT_EQ(warm.statistics.build_cache_stores, 0U);
  EXPECT_TRUE(same_result(cold, warm));

  // Another dependency list: tried again, and this one fits.
  write("big.dhall", "\"small\"");
  auto edited = load_with_stats("root.dhall");
  EXPECT_EQ(edited.statistics.build_cache_too_large, 0U);
  EXPECT_EQ(edited.statistics.build_cache_stores, 2U);
  EXPECT_TRUE(warnings.empty()) << warnings.front();
}

TEST_F(BuildCacheResolverTest, AnEditedImportOfTheRootMisses) {
  write("values.dhall", "{ name = \"app\" }");
  write("top.dhall", "(./values.dhall).name");
  EXPECT_EQ(load("top.dhall"), "\"app\"");
  EXPECT_EQ(load_with_stats("top.dhall").statistics.files_parsed, 0U);
  write("values.dhall", "{ name = \"app2\" }");
  auto edited = load_with_stats("top.dhall");
  EXPECT_EQ(print(*edited.normal_form()), "\"app2\"");
  EXPECT_EQ(edited.statistics.files_parsed, 2U);
  write("top.dhall", "(./values.dhall).name ++ \"!\"");
  EXPECT_EQ(load("top.dhall"), "\"app2!\"");
  // Without the build cache nothing is looked up.
  options.build_cache_directory.clear();
  EXPECT_EQ(load_with_stats("top.dhall").statistics.build_cache_hits, 0U);
}

// A root that reads a variable or a secret file is never stored, and none of
// what it read reaches the cache.
TEST_F(BuildCacheResolverTest, ARootReadingTheEnvironmentOrASecretIsNeverStored) {
  variables["TOKEN"] = "hunter2-root-env";
  write("db-secret.dhall", "\"hunter2-root-file\"");
  write("env.dhall", "{ token = env:TOKEN as Text }");
  write("fallback.dhall", "env:UNSET_VARIABLE ? 0");
  write("secret.dhall", "{ password = ./db-secret.dhall }");
  write("root-secret.dhall", "\"hunter2-root-itself\"");
  for (const char* root : {"env.dhall", "fallback.dhall", "secret.dhall", "root-secret.dhall"}) {
    for (int round = 0; round < 2; ++round) {
      auto loaded = load_with_stats(root);
      EXPECT_EQ(loaded.statistics.build_cache_stores, 0U) << root;
      EXPECT_EQ(loaded.statistics.build_cache_hits, 0U) << root;
    }
  }
  EXPECT_EQ(build_cache_files("results"), 0U);
  EXPECT_EQ(build_cache_contents().find("hunter2"), std::string::npos);
  variables["UNSET_VARIABLE"] = "7";
  EXPECT_EQ(load("fallback.dhall"), "7");
  variables["TOKEN"] = "hunter2-changed";
  EXPECT_EQ(load("env.dhall"), "{ token = \"hunter2-changed\" }");
}

// Failing roots fail as they did: nothing is stored for them, and a cached
// root edited into an ill-typed one reports the type error.
TEST_F(BuildCacheResolverTest, ABadRootFailsAsWithoutTheCache) {
  write("top.dhall", "{ a = 1 }");
  load("top.dhall");
  write("top.dhall", "{ a = 1 } : { a : Bool }");
  for (int round = 0; round < 2; ++round) {
    Error error = load_error("top.dhall");
    EXPECT_EQ(error.kind(), ErrorKind::type) << error.message();
    EXPECT_TRUE(error.span().known());
  }
  EXPECT_EQ(build_cache_files("results"), 1U);
}

TEST_F(BuildCacheResolverTest, ProtectedImportsTypeComesFromTheBuildCache) {
  write("direct.dhall", "let k = ./k8s.dhall sha256:" + hash_of(package) +
                            " in k.Deployment::{ metadata = (./values.dhall).meta }");
  auto cold = load_with_stats("direct.dhall");
  EXPECT_EQ(build_cache_files("types"), 1U);
  edit_root("direct.dhall");
  auto warm = load_with_stats("direct.dhall");
  EXPECT_EQ(warm.statistics.files_parsed, 1U);
  EXPECT_EQ(warm.statistics.expressions_type_checked, 1U);
  EXPECT_EQ(warm.statistics.build_cache_hits, 2U); // the type of k8s, values
  EXPECT_TRUE(same_result(cold, warm));
  // The first warm load keeps where the package's fields lie, and the next
  // decodes with it.
  EXPECT_EQ(build_cache_files("layouts"), 1U);
  edit_root("direct.dhall");
  EXPECT_TRUE(same_result(cold, load_with_stats("direct.dhall")));

  // Without the build cache the package is checked again.
  options.build_cache_directory.clear();
  auto without = load_with_stats("direct.dhall");
  EXPECT_EQ(without.statistics.expressions_type_checked, 3U);
  EXPECT_TRUE(same_result(cold, without));
}

TEST_F(BuildCacheResolverTest, WarmLoadListsTheSameDependencies) {
  load_with_stats("main.dhall"); // fills both caches
  auto warm = load_with_stats("main.dhall");
  options.build_cache_directory.clear();
  auto uncached = load_with_stats("main.dhall"); // the integrity cache is warm
  EXPECT_EQ(warm.dependencies, uncached.dependencies);
  EXPECT_EQ(warm.dependencies.size(), 3U); // main, values, k8s (its pin is checked)
}

TEST_F(BuildCacheResolverTest, AChangeAnywhereBelowInvalidates) {
  write("a.dhall", "./b.dhall + ./d.dhall");
  write("b.dhall", "./c.dhall * 2");
  write("c.dhall", "1");
  write("d.dhall", "10");
  write("top.dhall", "./a.dhall + ./d.dhall");
  EXPECT_EQ(load("top.dhall"), "22");
  auto warm = load_with_stats("top.dhall");
  EXPECT_EQ(warm.statistics.files_parsed, 0U);
  EXPECT_EQ(print(*warm.normal_form()), "22");

  write("c.dhall", "5");
  auto changed = load_with_stats("top.dhall");
  EXPECT_EQ(print(*changed.normal_form()), "30");
  EXPECT_EQ(changed.statistics.files_parsed, 4U);       // top, a, b, c
  EXPECT_EQ(changed.statistics.build_cache_hits, 1U);   // d
  EXPECT_EQ(changed.statistics.build_cache_misses, 4U); // top, a, b, c
  EXPECT_EQ(load_with_stats("top.dhall").statistics.files_parsed, 0U);

  // Back to the old contents: the old entries are still valid.
  write("c.dhall", "1");
  auto reverted = load_with_stats("top.dhall");
  EXPECT_EQ(print(*reverted.normal_form()), "22");
}

TEST_F(BuildCacheResolverTest, TextImportsAreDependenciesToo) {
  write("greeting.txt", "hello");
  write("a.dhall", "./greeting.txt as Text ++ \"!\"");
  write("top.dhall", "./a.dhall");
  EXPECT_EQ(load("top.dhall"), "\"hello!\"");
  write("greeting.txt", "bye");
  EXPECT_EQ(load("top.dhall"), "\"bye!\"");
}

TEST_F(BuildCacheResolverTest, SameBytesAtAnotherLocationAreAnotherEntry) {
  for (const char* directory : {"x", "y"}) {
    write(fs::path(directory) / "here.dhall", "./n.dhall");
    write(fs::path(directory) / "where.dhall", "./n.dhall as Location");
  }
  write("x/n.dhall", "1");
  write("y/n.dhall", "2");
  write("top.dhall", "{ n = ./x/here.dhall + ./y/here.dhall, "
                     "locations = [ ./x/where.dhall, ./y/where.dhall ] }");
  auto cold = load_with_stats("top.dhall");
  edit_root("top.dhall");
  auto warm = load_with_stats("top.dhall");
  EXPECT_EQ(warm.statistics.files_parsed, 1U);
  EXPECT_TRUE(same_result(cold, warm));
  auto shown = print(*warm.normal_form());
  EXPECT_NE(shown.find("n = 3"), std::string::npos) << shown;
  EXPECT_NE(shown.find("\"./x/n.dhall\""), std::string::npos) << shown;
  EXPECT_NE(shown.find("\"./y/n.dhall\""), std::string::npos) << shown;
}

// A file that re-exports another (values.dhall re-exporting dhall-kubernetes)
// is stored referring to it, not holding a copy of its normal form, and a
// warm load reads both from the cache.
TEST_F(BuildCacheResolverTest, EntriesReferToTheImportsTheyHold) {
  write("lib.dhall", "{ marker = \"marker-5d1c\", twice = \\(n : Natural) -> n * 2 }");
  write("reexport.dhall", "{ lib = ./lib.dhall, replicas = 3 }");
  write("top.dhall", "let r = ./reexport.dhall in r.lib.twice r.replicas");
  auto cold = load_with_stats("top.dhall");
  EXPECT_EQ(build_cache_files("results"), 3U); // lib, reexport, top
  std::size_t holding_marker = 0;
  for (const auto& entry : fs::directory_iterator(build_cache_folder("results"))) {
    holding_marker += read_regular_file(entry.path())->find("marker-5d1c") != std::string::npos;
  }
  EXPECT_EQ(holding_marker, 1U); // lib's own entry only

  edit_root("top.dhall");
  auto warm = load_with_stats("top.dhall");
  EXPECT_EQ(warm.statistics.files_parsed, 1U);
  EXPECT_EQ(warm.statistics.build_cache_hits, 1U);   // reexport, which brings lib
  EXPECT_EQ(warm.statistics.build_cache_misses, 1U); // top, edited
  EXPECT_EQ(print(*warm.normal_form()), "6");
  EXPECT_TRUE(same_result(cold, warm));
  EXPECT_TRUE(warnings.empty()) << warnings.front();
}

// The root is stored as a by-path import is: its entry refers to the
// imports its value holds, and an unchanged root's hit reads them when used.
TEST_F(BuildCacheResolverTest, TheRootsEntryRefersToTheImportsItHolds) {
  write("lib.dhall", "{ marker = \"marker-7a2e\", twice = \\(n : Natural) -> n * 2 }");
  write("top.dhall", "{ lib = ./lib.dhall, replicas = 3 }");
  auto cold = load_with_stats("top.dhall");
  EXPECT_EQ(build_cache_files("results"), 2U); // lib, top
  std::size_t holding_marker = 0;
  for (const auto& entry : fs::directory_iterator(build_cache_folder("results"))) {
    holding_marker += read_regular_file(entry.path())->find("marker-7a2e") != std::string::npos;
  }
  EXPECT_EQ(holding_marker, 1U); // lib's own entry only

  auto warm = load_with_stats("top.dhall");
  EXPECT_EQ(warm.statistics.files_parsed, 0U);
  EXPECT_EQ(warm.statistics.build_cache_hits, 1U);
  EXPECT_EQ(warm.statistics.build_cache_results_read, 1U); // top: lib is read when used
  EXPECT_TRUE(same_result(cold, warm));
  EXPECT_TRUE(warnings.empty()) << warnings.front();
}

// The collection may remove an entry that another refers to: the referring
// entry then misses, quietly, and is stored again.
TEST_F(BuildCacheResolverTest, AnEntryWhoseReferenceIsGoneIsResolvedAgain) {
  write("lib.dhall", "{ replicas = 3 }");
  write("reexport.dhall", "{ lib = ./lib.dhall }");
  write("top.dhall", "(./reexport.dhall).lib.replicas");
  load_with_stats("top.dhall");
  // lib's entry is the one that does not name the field `lib` (reexport's
  // type spells out lib's type, so both name `replicas`).
  for (const auto& entry : fs::directory_iterator(build_cache_folder("results"))) {
    if (read_regular_file(entry.path())->find("replicas") != std::string::npos &&
        read_regular_file(entry.path())->find("lib") == std::string::npos) {
      fs::remove(entry.path());
    }
  }
  ASSERT_EQ(build_cache_files("results"), 2U); // reexport, top
  edit_root("top.dhall");
  auto again = load_with_stats("top.dhall");
  EXPECT_EQ(print(*again.normal_form()), "3");
  EXPECT_EQ(again.statistics.files_parsed, 3U); // top, reexport, lib
  EXPECT_TRUE(warnings.empty()) << warnings.front();
  EXPECT_EQ(build_cache_files("results"), 4U); // lib, reexport, top before and after the edit
  edit_root("top.dhall");
  EXPECT_EQ(load_with_stats("top.dhall").statistics.files_parsed, 1U);
}

// Reading an entry that refers to others reads none of them: each is read
// when evaluation first uses it (docs/evaluation.md, "Lazy references"). A
// warm load of a package of five libraries that uses one reads two results.
TEST_F(BuildCacheResolverTest, ReferencesAreReadWhenUsed) {
  write_package(5, [](const std::string& n) { return "{ n = " + n + " }"; });
  write("top.dhall", "let p = ./package.dhall in assert : p.l2.n === 2");
  auto cold = load_with_stats("top.dhall");
  EXPECT_EQ(build_cache_files("results"), 7U); // five libs, package, top
  edit_root("top.dhall");
  auto warm = load_with_stats("top.dhall");
  EXPECT_EQ(warm.statistics.files_parsed, 1U);
  EXPECT_EQ(warm.statistics.build_cache_hits, 1U);
  EXPECT_EQ(warm.statistics.build_cache_results_read, 2U); // package, lib2
  EXPECT_TRUE(same_result(cold, warm));
  EXPECT_TRUE(warnings.empty()) << warnings.front();
}

// Whether the entries an entry needs are there is one listing of the results
// folder once an entry needs many (dhall-kubernetes' package.dhall needs
// 1,355), not a lookup each: one of forty gone still makes it miss.
TEST_F(BuildCacheResolverTest, AnEntryNeedingManyWithOneGoneIsResolvedAgain) {
  write_package(40,
                [](const std::string& n) { return "{ n" + n + " = \"lib-" + n + "-value\" }"; });
  write("top.dhall", "(./package.dhall).l2.n2");
  load_with_stats("top.dhall");
  ASSERT_EQ(build_cache_files("results"), 42U); // forty libs, package, top
  edit_root("top.dhall");
  EXPECT_EQ(load_with_stats("top.dhall").statistics.files_parsed, 1U);
  std::size_t removed = 0;
  for (const auto& entry : fs::directory_iterator(build_cache_folder("results"))) {
    auto contents = *read_regular_file(entry.path());
    if (contents.find("lib-37-value") != std::string::npos) {
      removed += fs::remove(entry.path()) ? 1 : 0;
    }
  }
  ASSERT_EQ(removed, 1U);
  edit_root("top.dhall");
  auto again = load_with_stats("top.dhall");
  EXPECT_EQ(print(*again.normal_form()), "\"lib-2-value\"");
  EXPECT_EQ(again.statistics.build_cache_misses, 3U); // top (edited), package, lib37
  EXPECT_EQ(again.statistics.files_parsed, 3U);       // top, package, lib37
  EXPECT_TRUE(warnings.empty()) << warnings.front();
}

// A hit that needs many entries gets a bundle holding a copy of each, so
// that the next load reads the entries it uses from one file instead of one
// each (BuildCache::use_bundle); a copy is checked as its file would be, and
// a bad one is reported and its file read instead.
TEST_F(BuildCacheResolverTest, ABundleServesTheEntriesAHitNeeds) {
  write_package(70,
                [](const std::string& n) { return "{ n" + n + " = \"lib-" + n + "-value\" }"; });
  write("top.dhall", "(./package.dhall).l2.n2");
  auto cold = load_with_stats("top.dhall");
  EXPECT_EQ(build_cache_files("bundles"), 0U);
  // Each load below edits the root first, so that it misses and reads the
  // package from the cache.
  edit_root("top.dhall");
  auto first = load_with_stats("top.dhall");                // writes package's bundle
  EXPECT_EQ(first.statistics.build_cache_results_read, 2U); // package, lib2
  EXPECT_EQ(first.statistics.build_cache_results_read_from_bundles, 0U);
  ASSERT_EQ(build_cache_files("bundles"), 1U);

  edit_root("top.dhall");
  auto warm = load_with_stats("top.dhall");
  EXPECT_EQ(warm.statistics.build_cache_hits, 1U);
  EXPECT_EQ(warm.statistics.build_cache_results_read, 2U);
  EXPECT_EQ(warm.statistics.build_cache_results_read_from_bundles, 1U); // lib2
  EXPECT_EQ(print(*warm.normal_form()), "\"lib-2-value\"");
  EXPECT_TRUE(same_result(cold, warm));
  EXPECT_TRUE(warnings.empty()) << warnings.front();

  auto bundle = fs::directory_iterator(build_cache_folder("bundles"))->path();
  auto contents = *read_regular_file(bundle);
  auto at = contents.find("lib-2-value");
  ASSERT_NE(at, std::string::npos);
  contents[at] = 'L';
  write_file_atomically(bundle, contents);
  edit_root("top.dhall");
  auto corrupt = load_with_stats("top.dhall");
  EXPECT_EQ(print(*corrupt.normal_form()), "\"lib-2-value\"");
  EXPECT_EQ(corrupt.statistics.build_cache_results_read_from_bundles, 0U);
  ASSERT_EQ(warnings.size(), 1U);
  EXPECT_NE(warnings[0].find("bundles"), std::string::npos) << warnings[0];
  EXPECT_NE(warnings[0].find("checksum"), std::string::npos) << warnings[0];
  warnings.clear();
  // It was removed, and the next hit writes it again.
  EXPECT_EQ(build_cache_files("bundles"), 0U);
  edit_root("top.dhall");
  load_with_stats("top.dhall");
  edit_root("top.dhall");
  EXPECT_EQ(load_with_stats("top.dhall").statistics.build_cache_results_read_from_bundles, 1U);
  EXPECT_TRUE(warnings.empty()) << warnings.front();
}

// A bundle copied under another key is not read: copies are bound to the
// result whose bundle they are, as entries to their keys.
TEST_F(BuildCacheResolverTest, ABundleCopiedUnderAnotherKeyIsIgnored) {
  std::string fields =
      write_package(70, [](const std::string& n) { return "{ n" + n + " = " + n + " }"; });
  write("top.dhall", "(./package.dhall).l2.n2");
  load_with_stats("top.dhall");
  edit_root("top.dhall"); // misses, so that the package hits
  load_with_stats("top.dhall");
  ASSERT_EQ(build_cache_files("bundles"), 1U);
  auto bundle = fs::directory_iterator(build_cache_folder("bundles"))->path();
  write("package.dhall", "{ " + fields + ", extra = 1 }");
  load_with_stats("top.dhall"); // the new package's entry
  // Seventy libs, two packages, top as first written, edited, and importing
  // the new package.
  ASSERT_EQ(build_cache_files("results"), 75U);
  for (const auto& entry : fs::directory_iterator(build_cache_folder("results"))) {
    auto copied_to = build_cache_folder("bundles") / entry.path().filename();
    if (copied_to != bundle &&
        read_regular_file(entry.path())->find("extra") != std::string::npos) {
      fs::copy_file(bundle, copied_to);
    }
  }
  ASSERT_EQ(build_cache_files("bundles"), 2U);
  edit_root("top.dhall");
  auto again = load_with_stats("top.dhall");
  EXPECT_EQ(print(*again.normal_form()), "2");
  EXPECT_EQ(again.statistics.build_cache_results_read_from_bundles, 0U);
  ASSERT_EQ(warnings.size(), 1U);
  EXPECT_NE(warnings[0].find("another key"), std::string::npos) << warnings[0];
}

// An entry lists every entry it needs, not only those it refers to: one
// that is gone further down makes it miss when it is read, instead of
// failing when the part that needs it is used.
TEST_F(BuildCacheResolverTest, AnEntryWhoseIndirectReferenceIsGoneIsResolvedAgain) {
  write("lib.dhall", "{ replicas = 3 }");
  write("middle.dhall", "{ lib = ./lib.dhall }");
  write("reexport.dhall", "{ middle = ./middle.dhall }");
  write("top.dhall", "(./reexport.dhall).middle.lib.replicas");
  load_with_stats("top.dhall");
  ASSERT_EQ(build_cache_files("results"), 4U);
  // Only lib's and top's (`3`) entries do not name the field `lib` (the
  // types of the others spell out lib's type): top misses too.
  for (const auto& entry : fs::directory_iterator(build_cache_folder("results"))) {
    if (read_regular_file(entry.path())->find("lib") == std::string::npos) {
      fs::remove(entry.path());
    }
  }
  ASSERT_EQ(build_cache_files("results"), 2U);
  auto again = load_with_stats("top.dhall");
  EXPECT_EQ(print(*again.normal_form()), "3");
  EXPECT_EQ(again.statistics.files_parsed, 4U); // top, reexport, middle, lib
  EXPECT_TRUE(warnings.empty()) << warnings.front();
  edit_root("top.dhall");
  EXPECT_EQ(load_with_stats("top.dhall").statistics.files_parsed, 1U);
}

// An entry found corrupt only when it is used cannot be resolved from its
// files any more (the load has used its referrer): the load fails, saying to
// run again, and the entry is removed, so that the next load resolves what
// needs it from the files.
TEST_F(BuildCacheResolverTest, AnEntryCorruptWhenUsedFailsOnceAndIsResolvedAgain) {
  write("lib.dhall", "{ marker = \"marker-93ab\" }");
  write("package.dhall", "{ lib = ./lib.dhall, other = 1 }");
  write("top.dhall", "(./package.dhall).lib.marker");
  load_with_stats("top.dhall");
  for (const auto& entry : fs::directory_iterator(build_cache_folder("results"))) {
    auto contents = *read_regular_file(entry.path());
    if (auto at = contents.find("marker-93ab");
        at != std::string::npos && contents.find("lib") == std::string::npos) {
      contents[at] = 'M';
      write_file_atomically(entry.path(), contents);
    }
  }
  try {
    load_with_stats("top.dhall").normal_form();
    ADD_FAILURE() << "the corrupt entry was not noticed";
  } catch (const Error& error) {
    EXPECT_NE(error.message().find("run again"), std::string::npos) << error.message();
  }
  ASSERT_FALSE(warnings.empty());              // why the entry could not be read
  EXPECT_EQ(build_cache_files("results"), 1U); // package's, which now misses
  auto again = load_with_stats("top.dhall");
  EXPECT_EQ(print(*again.normal_form()), "\"marker-93ab\"");
  EXPECT_EQ(again.statistics.files_parsed, 3U); // top, package, lib
}

TEST_F(BuildCacheResolverTest, FallbackIsInvalidatedWhenTheMissingFileAppears) {
  write("a.dhall", "./optional.dhall ? 1");
  write("top.dhall", "./a.dhall");
  EXPECT_EQ(load("top.dhall"), "1");
  EXPECT_EQ(load_with_stats("top.dhall").statistics.build_cache_hits, 1U);
  write("optional.dhall", "2");
  EXPECT_EQ(load("top.dhall"), "2");
}

TEST_F(BuildCacheResolverTest, EnvironmentVariablesAreNeverCached) {
  variables["TOKEN"] = "hunter2-from-env";
  write("a.dhall", "{ token = env:TOKEN as Text, fallback = env:UNSET_VARIABLE ? 0 }");
  write("top.dhall", "(./a.dhall).token");
  for (int round = 0; round < 2; ++round) {
    auto loaded = load_with_stats("top.dhall");
    EXPECT_EQ(print(*loaded.normal_form()), "\"hunter2-from-env\"");
    EXPECT_EQ(loaded.statistics.build_cache_stores, 0U);
    EXPECT_EQ(loaded.statistics.files_parsed, 2U);
  }
  EXPECT_EQ(build_cache_contents().find("hunter2"), std::string::npos);

  // An unset variable decides the fallback: not cacheable either.
  write("b.dhall", "env:UNSET_VARIABLE ? 0");
  write("top.dhall", "./b.dhall");
  load("top.dhall");
  variables["UNSET_VARIABLE"] = "7";
  EXPECT_EQ(load("top.dhall"), "7");
}

// Polar's shape: a frozen, typed library, and a values.dhall that reads
// variables and is typed by the library; the component imports both. Only
// the files that read the environment are loaded again; the library below
// them comes from the build cache, and no value read reaches it.
TEST_F(BuildCacheResolverTest, ReadingTheEnvironmentKeepsWhatIsBelowCached) {
  write("types/k8s.dhall", package);
  write("types/Settings.dhall", "{ name : Text, replicas : Natural }");
  write("types/package.dhall",
        "{ k8s = ./k8s.dhall sha256:" + hash_of(package) + ", Settings = ./Settings.dhall }");
  auto library = load_file("types/package.dhall", options).normal_form();
  std::string library_pin = " sha256:" + to_hex(sha256(encode(*alpha_normalize(library))));
  for (std::string first : {"values", "types", "pinned"}) {
    write("values.dhall", "let types = ./types/package.dhall" +
                              (first == "pinned" ? library_pin : "") +
                              "\nin  { name = env:APP_NAME as Text, replicas = env:REPLICAS ? 2 }"
                              " : types.Settings");
    std::string values = "let values = ./values.dhall\n";
    std::string types = "let types = ./types/package.dhall\n";
    write("component.dhall",
          (first == "types" ? types + values : values + types) +
              "in types.k8s.Deployment::{ metadata = types.k8s.ObjectMeta::{ name = Some "
              "values.name }, replicas = values.replicas }");
    variables["APP_NAME"] = "planted-7f3a9c";
    auto cold = load_with_stats("component.dhall");
    variables["APP_NAME"] = "planted-b41e22";
    auto warm = load_with_stats("component.dhall");
    EXPECT_EQ(warm.statistics.files_parsed, 2U) << first; // component, values
    EXPECT_EQ(warm.statistics.expressions_type_checked, 2U) << first;
    EXPECT_EQ(warm.statistics.build_cache_stores, 0U) << first;
    // component (it reads values, which reads variables), values
    EXPECT_EQ(warm.statistics.build_cache_misses, 2U) << first;
    EXPECT_NE(print(*warm.normal_form()).find("planted-b41e22"), std::string::npos);
    EXPECT_EQ(warm.dependencies, cold.dependencies);
  }
  EXPECT_EQ(build_cache_contents().find("planted"), std::string::npos);
  EXPECT_TRUE(warnings.empty()) << warnings.front();
}

TEST_F(BuildCacheResolverTest, ProtectedSecretsAreNeverCached) {
  variables["TOKEN"] = "hunter2-pinned";
  write("a.dhall", "env:TOKEN sha256:" + hash_of("\"hunter2-pinned\"") + " as Text");
  write("top.dhall", "./a.dhall");
  EXPECT_EQ(load("top.dhall"), "\"hunter2-pinned\"");
  EXPECT_EQ(load("top.dhall"), "\"hunter2-pinned\""); // from the integrity cache
  EXPECT_EQ(build_cache_contents().find("hunter2"), std::string::npos);
  EXPECT_EQ(build_cache_files("results"), 0U);
  EXPECT_EQ(build_cache_files("types"), 0U);
  EXPECT_EQ(build_cache_files("layouts"), 0U);
}

TEST_F(BuildCacheResolverTest, SecretFilesAreNeverCached) {
  write("db-secret.dhall", "\"hunter2-from-file\"");
  write("a.dhall", "{ password = ./db-secret.dhall, user = \"app\" }");
  write("b.dhall", "./db-secret.dhall as Text");
  write("top.dhall", "{ a = ./a.dhall, b = ./b.dhall, c = ./c.dhall }");
  write("c.dhall", "1");
  for (int round = 0; round < 2; ++round) {
    auto loaded = load_with_stats("top.dhall");
    EXPECT_EQ(loaded.statistics.build_cache_stores, round == 0 ? 1U : 0U); // c only
  }
  EXPECT_EQ(build_cache_contents().find("hunter2"), std::string::npos);
  EXPECT_EQ(build_cache_files("results"), 1U);

  // The predicate is an option: now c.dhall is the secret one.
  options.is_secret_file = [](const fs::path& file) { return file.filename() == "c.dhall"; };
  fs::remove_all(options.build_cache_directory);
  write("c-user.dhall", "./c.dhall");
  EXPECT_EQ(load_with_stats("c-user.dhall").statistics.build_cache_stores, 0U);
  write("d-user.dhall", "./d.dhall");
  write("d.dhall", "2");
  EXPECT_EQ(load_with_stats("d-user.dhall").statistics.build_cache_stores, 2U); // d-user, d
}

TEST_F(BuildCacheResolverTest, RemoteImportsWithoutHashAreNeverCached) {
  auto fetcher = std::make_shared<testing::FakeFetcher>();
  options.fetcher = fetcher;
  fetcher->pages["https://example.com/x.dhall"] = {"1", {}};
  write("a.dhall", "https://example.com/x.dhall + 1");
  write("top.dhall", "./a.dhall");
  EXPECT_EQ(load("top.dhall"), "2");
  fetcher->pages["https://example.com/x.dhall"] = {"5", {}};
  EXPECT_EQ(load("top.dhall"), "6");
  EXPECT_EQ(build_cache_files("results"), 0U);
  EXPECT_EQ(fetcher->requests.size(), 2U);
}

TEST_F(BuildCacheResolverTest, CorruptEntriesAreReplacedWithAWarning) {
  auto cold = load_with_stats("main.dhall");
  for (const auto& entry : fs::recursive_directory_iterator(options.build_cache_directory)) {
    if (entry.is_regular_file()) {
      auto contents = *read_regular_file(entry.path());
      write_file_atomically(entry.path(),
                            std::string_view(contents).substr(0, contents.size() / 2));
    }
  }
  auto repaired = load_with_stats("main.dhall");
  EXPECT_TRUE(same_result(cold, repaired));
  ASSERT_FALSE(warnings.empty());
  EXPECT_NE(warnings.front().find("build cache"), std::string::npos) << warnings.front();
  warnings.clear();
  auto warm = load_with_stats("main.dhall");
  EXPECT_TRUE(warnings.empty()) << warnings.front();
  EXPECT_EQ(warm.statistics.files_parsed, 0U);
  EXPECT_TRUE(same_result(cold, warm));
}

// A shared cache poisoned by copying a valid entry over another key's: the
// render must not print the other file's values.
TEST_F(BuildCacheResolverTest, AResultCopiedUnderAnotherKeyIsReplacedWithAWarning) {
  write("one.dhall", "{ replicas = 1 }");
  write("two.dhall", "{ replicas = 2 }");
  write("uses_one.dhall", "./one.dhall");
  write("uses_two.dhall", "./two.dhall");
  auto results = build_cache_folder("results");
  // Loaded as roots first: the entries they leave are those of the imports.
  load_with_stats("one.dhall");
  ASSERT_EQ(build_cache_files("results"), 1U);
  auto one = fs::directory_iterator(results)->path();
  auto expected = load_with_stats("two.dhall");
  ASSERT_EQ(build_cache_files("results"), 2U);
  fs::path two;
  for (const auto& entry : fs::directory_iterator(results)) {
    if (entry.path() != one) {
      two = entry.path();
    }
  }
  fs::copy_file(one, two, fs::copy_options::overwrite_existing);

  auto poisoned = load_with_stats("uses_two.dhall");
  EXPECT_TRUE(same_result(expected, poisoned));
  ASSERT_EQ(warnings.size(), 1U);
  EXPECT_NE(warnings.front().find(two.string()), std::string::npos) << warnings.front();
  EXPECT_NE(warnings.front().find("another key"), std::string::npos) << warnings.front();
  warnings.clear();
  auto warm = load_with_stats("uses_two.dhall"); // replaced
  EXPECT_EQ(warm.statistics.build_cache_hits, 1U);
  EXPECT_TRUE(same_result(expected, warm));
  EXPECT_TRUE(warnings.empty()) << warnings.front();
}

// The same with the type of a protected import: the type of another one
// must not make an ill-typed expression type-check.
TEST_F(BuildCacheResolverTest, ATypeCopiedUnderAnotherHashIsReplacedWithAWarning) {
  write("natural.dhall", "{ a = 1 }");
  write("bool.dhall", "{ b = True }");
  std::string natural = hash_of("{ a = 1 }");
  std::string boolean = hash_of("{ b = True }");
  write("both.dhall", "{ x = (./natural.dhall sha256:" + natural +
                          ").a, y = (./bool.dhall sha256:" + boolean + ").b }");
  // Ill-typed, though evaluating it never reads the value.
  write("ill_typed.dhall", "let r : { a : Natural } = ./bool.dhall sha256:" + boolean + " in 0");
  load_with_stats("both.dhall");
  ASSERT_EQ(build_cache_files("types"), 2U);
  auto types = build_cache_folder("types");
  fs::copy_file(types / natural, types / boolean, fs::copy_options::overwrite_existing);

  Error error = load_error("ill_typed.dhall");
  EXPECT_EQ(error.kind(), ErrorKind::type) << error.message();
  ASSERT_EQ(warnings.size(), 1U);
  EXPECT_NE(warnings.front().find((types / boolean).string()), std::string::npos)
      << warnings.front();
  warnings.clear();
  EXPECT_TRUE(loads_as("both.dhall", "{ x = 1, y = True }"));
  EXPECT_TRUE(warnings.empty()) << warnings.front();
}

TEST_F(BuildCacheResolverTest, ParallelLoadsShareOneDirectory) {
  auto expected = load_with_stats("main.dhall");
  fs::remove_all(options.build_cache_directory);
  std::mutex mutex;
  options.on_warning = [&](std::string_view warning) {
    std::scoped_lock lock(mutex);
    warnings.emplace_back(warning);
  };
  std::vector<Loaded> results(4);
  {
    std::vector<std::jthread> jobs;
    for (auto& result : results) {
      jobs.emplace_back([&] {
        for (int round = 0; round < 3; ++round) {
          result = load_file("main.dhall", options);
        }
      });
    }
  }
  for (const auto& result : results) {
    EXPECT_TRUE(same_result(expected, result));
  }
  EXPECT_TRUE(warnings.empty()) << warnings.front();
  EXPECT_EQ(load_with_stats("main.dhall").statistics.files_parsed, 0U);
}

} // namespace
} // namespace polar::dhall
