#include "imports/detail/location.h"

#include <gtest/gtest.h>

namespace polar::dhall {
namespace {

LocalImport here(std::vector<std::string> directory, std::string file) {
  return LocalImport{FilePrefix::here, std::move(directory), std::move(file)};
}

LocalImport parent(std::vector<std::string> directory, std::string file) {
  return LocalImport{FilePrefix::parent, std::move(directory), std::move(file)};
}

RemoteImport remote(std::vector<std::string> directory, std::string file) {
  return RemoteImport{Scheme::https,   "example.com",      std::move(directory),
                      std::move(file), std::string("q=1"), nullptr};
}

std::string chained(const ImportTarget& parent_target, const ImportTarget& child) {
  return location_text(canonicalize(chain(parent_target, child)));
}

TEST(Location, RelativeChildChainsOntoLocalParent) {
  auto root = here({"dhall-lang", "tests"}, "A.dhall");
  EXPECT_EQ(chained(root, here({"some"}, "import.dhall")), "./dhall-lang/tests/some/import.dhall");
  EXPECT_EQ(chained(root, parent({"bar"}, "import.dhall")), "./dhall-lang/bar/import.dhall");
  EXPECT_EQ(chained(root, here({"foo", "..", "..", "bar"}, "x.dhall")), "./dhall-lang/bar/x.dhall");
}

TEST(Location, ParentKeepsItsPrefix) {
  EXPECT_EQ(chained(LocalImport{FilePrefix::home, {"cfg"}, "a.dhall"}, parent({}, "b.dhall")),
            "~/b.dhall");
  EXPECT_EQ(chained(LocalImport{FilePrefix::absolute, {"etc"}, "a.dhall"}, here({}, "b.dhall")),
            "/etc/b.dhall");
  EXPECT_EQ(chained(parent({}, "a.dhall"), parent({}, "b.dhall")), "../../b.dhall");
}

TEST(Location, DotDotThatCannotBeFoldedStays) {
  EXPECT_EQ(location_text(canonicalize(here({".."}, "x"))), "./../x");
  EXPECT_EQ(location_text(canonicalize(remote({"..", "bar"}, "import.dhall"))),
            "https://example.com/../bar/import.dhall?q=1");
}

TEST(Location, AbsoluteChildIgnoresParent) {
  ImportTarget env = EnvImport{"HOME"};
  EXPECT_EQ(chained(here({"a"}, "b"), env), "env:HOME");
  EXPECT_EQ(chained(here({"a"}, "b"), MissingImport{}), "missing");
  EXPECT_EQ(chained(remote({"a"}, "b"), LocalImport{FilePrefix::absolute, {"x"}, "y"}), "/x/y");
}

TEST(Location, RelativeChildOfRemoteIsRemoteWithoutQueryButWithHeaders) {
  auto headers = make_expr(ListLit{make_expr(BuiltinRef{Builtin::text}), {}});
  auto base = remote({"foo", "bar"}, "a.dhall");
  base.headers = headers;
  auto child = chain(base, parent({"baz"}, "b.dhall"));
  EXPECT_EQ(location_text(canonicalize(child)), "https://example.com/foo/baz/b.dhall");
  EXPECT_EQ(std::get<RemoteImport>(child).headers, headers);
}

TEST(Location, RelativeChildOfEnvironmentStaysRelative) {
  EXPECT_EQ(chained(EnvImport{"X"}, here({"a"}, "b.dhall")), "./a/b.dhall");
}

TEST(Location, QuotesComponentsThatNeedIt) {
  EXPECT_EQ(location_text(here({"data"}, "file with spaces.txt")),
            "./data/\"file with spaces.txt\"");
  EXPECT_EQ(location_text(here({"ünïcode"}, "a#b")), "./\"ünïcode\"/\"a#b\"");
}

TEST(Location, FromPath) {
  EXPECT_EQ(location_text(local_import_from_path("./dhall-lang/tests/A.dhall")),
            "./dhall-lang/tests/A.dhall");
  EXPECT_EQ(location_text(local_import_from_path("dir/A.dhall")), "./dir/A.dhall");
  EXPECT_EQ(location_text(local_import_from_path("../up/A.dhall")), "../up/A.dhall");
  EXPECT_EQ(location_text(local_import_from_path("/etc/A.dhall")), "/etc/A.dhall");
  EXPECT_EQ(location_text(local_import_from_path("A.dhall")), "./A.dhall");
  EXPECT_EQ(location_text(local_import_in_directory("/srv", "x")), "/srv/x");
}

TEST(Location, ReferentialSanity) {
  ImportTarget web = remote({}, "a");
  ImportTarget file = here({}, "a");
  EXPECT_TRUE(referentially_sane(web, remote({"b"}, "c")));
  EXPECT_TRUE(referentially_sane(web, MissingImport{}));
  EXPECT_FALSE(referentially_sane(web, file));
  EXPECT_FALSE(referentially_sane(web, EnvImport{"X"}));
  EXPECT_TRUE(referentially_sane(file, web));
  EXPECT_TRUE(referentially_sane(EnvImport{"X"}, file));
}

} // namespace
} // namespace polar::dhall
