// --transitive follows what dhall follows: relative local imports as code,
// each file once, imports first.
#include "tooling/transitive_files.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "../imports/temp_tree.h"

namespace polar::dhall {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> relative_names(const std::vector<fs::path>& files, const fs::path& root) {
  std::vector<std::string> names;
  for (const fs::path& file : files) {
    names.push_back(fs::relative(file, root).generic_string());
  }
  return names;
}

TEST(TransitiveFiles, FollowsRelativeCodeImportsImportsFirstEachOnce) {
  testing::TempTree tree;
  tree.write("app/main.dhall",
             "{ a = ./lib/a.dhall, b = ../shared/b.dhall, again = ./lib/a.dhall }");
  tree.write("app/lib/a.dhall", "../../shared/b.dhall // { c = ./c.dhall }");
  tree.write("app/lib/c.dhall", "{=}");
  tree.write("shared/b.dhall", "{ b = 1 }");
  auto files = with_transitive_imports({tree.root() / "app" / "main.dhall"});
  EXPECT_EQ(relative_names(files, tree.root()),
            (std::vector<std::string>{"shared/b.dhall", "app/lib/c.dhall", "app/lib/a.dhall",
                                      "app/main.dhall"}));
}

TEST(TransitiveFiles, LeavesWhatDhallLeaves) {
  testing::TempTree tree;
  tree.write("other.dhall", "1");
  std::string absolute = (tree.root() / "other.dhall").string();
  tree.write("main.dhall", "[ ./text.txt as Text, ./other.dhall as Location, " + absolute +
                               ", ~/x.dhall, env:X, missing, https://example.com/x.dhall ]");
  tree.write("text.txt", "t");
  auto files = with_transitive_imports({tree.root() / "main.dhall"});
  EXPECT_EQ(relative_names(files, tree.root()), (std::vector<std::string>{"main.dhall"}));
}

TEST(TransitiveFiles, ListsFilesItCannotReadOrParseWithoutFollowingThem) {
  testing::TempTree tree;
  tree.write("main.dhall", "[ ./broken.dhall, ./absent.dhall ]");
  tree.write("broken.dhall", "{ ./never.dhall");
  tree.write("never.dhall", "1");
  auto files = with_transitive_imports({tree.root() / "main.dhall"});
  EXPECT_EQ(relative_names(files, tree.root()),
            (std::vector<std::string>{"broken.dhall", "absent.dhall", "main.dhall"}));
}

} // namespace
} // namespace polar::dhall
