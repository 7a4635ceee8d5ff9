// Imports that fail: absent imports and `?`, cycles, hostile inputs, and the
// import chain in diagnostics.
#include "resolver_fixture.h"

namespace polar::dhall {
namespace {

using testing::ResolverTest;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST_F(ResolverTest, MissingFileNamesThePathAndIsAbsent) {
  write("main.dhall", "./config/absent.dhall");
  auto error = load_error("main.dhall");
  EXPECT_TRUE(contains(error.message(), "./config/absent.dhall")) << error.message();
  EXPECT_EQ(error.kind(), ErrorKind::import);
  EXPECT_TRUE(is_absent("main.dhall"));
  EXPECT_TRUE(contains(error.format(), "main.dhall:1:1")) << error.format();
}

TEST_F(ResolverTest, UnsetVariableNamesTheVariable) {
  write("main.dhall", "env:NOT_SET_ANYWHERE");
  EXPECT_TRUE(contains(load_error("main.dhall").message(), "NOT_SET_ANYWHERE"));
  EXPECT_TRUE(is_absent("main.dhall"));
}

TEST_F(ResolverTest, RootFileThatDoesNotExist) {
  auto error = load_error("nope.dhall");
  EXPECT_EQ(error.kind(), ErrorKind::io);
  EXPECT_TRUE(contains(error.message(), "nope.dhall"));
}

TEST_F(ResolverTest, AlternativeFallsBackFromAbsentImports) {
  write("main.dhall", "{ a = missing ? 1, b = env:UNSET ? ./absent.dhall ? 2, "
                      "c = ./transitive.dhall ? 3, d = (missing + 10) ? 4, e = 5 ? missing }");
  write("transitive.dhall", "{ x = ./absent.dhall }");
  EXPECT_EQ(load("main.dhall"), "{ a = 1, b = 2, c = 3, d = 4, e = 5 }");
}

TEST_F(ResolverTest, AlternativeDoesNotRecoverFromPresentButBrokenImports) {
  write("parse.dhall", "[");
  write("type.dhall", "1 + True");
  write("free.dhall", "x");
  write("a.dhall", "./parse.dhall ? 0");
  write("b.dhall", "./type.dhall ? 0");
  write("c.dhall", "λ(x : Natural) → ./free.dhall ? 0");
  write("d.dhall",
        "./one.dhall sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa ? 0");
  write("one.dhall", "1");
  EXPECT_EQ(load_error("a.dhall").kind(), ErrorKind::parse);
  EXPECT_EQ(load_error("b.dhall").kind(), ErrorKind::type);
  EXPECT_EQ(load_error("c.dhall").kind(), ErrorKind::type);
  EXPECT_EQ(load_error("d.dhall").kind(), ErrorKind::import);
}

TEST_F(ResolverTest, WhenBothSidesFailBothAreReported) {
  write("main.dhall", "./first.dhall ? env:SECOND");
  auto error = load_error("main.dhall");
  EXPECT_TRUE(contains(error.message(), "SECOND"));
  EXPECT_TRUE(contains(error.format(), "first.dhall")) << error.format();
  EXPECT_TRUE(is_absent("main.dhall"));
}

TEST_F(ResolverTest, ErrorsCarryTheImportChainInnermostFirst) {
  write("main.dhall", "{ a = ./mid.dhall }");
  write("mid.dhall", "\n  ./leaf.dhall");
  write("leaf.dhall", "1 + True");
  auto error = load_error("main.dhall");
  EXPECT_EQ(error.kind(), ErrorKind::type);
  EXPECT_EQ(error.span().file->name, (tree.root() / "leaf.dhall").string());
  ASSERT_EQ(error.notes().size(), 2U) << error.format();
  EXPECT_TRUE(contains(error.notes()[0], "mid.dhall:2:3")) << error.notes()[0];
  EXPECT_TRUE(contains(error.notes()[1], "main.dhall:1:7")) << error.notes()[1];
}

TEST_F(ResolverTest, AFailureReachedTwiceIsReportedFromEachSite) {
  write("main.dhall", "[ ./bad.dhall ? 0, ./bad.dhall ]");
  write("bad.dhall", "./absent.dhall");
  auto error = load_error("main.dhall");
  ASSERT_EQ(error.notes().size(), 1U) << error.format();
  EXPECT_TRUE(contains(error.notes()[0], "main.dhall:1:20")) << error.notes()[0];
}

TEST_F(ResolverTest, CyclesAreReportedWithTheirChainAndNotRecovered) {
  write("a.dhall", "./b.dhall");
  write("b.dhall", "./sub/../a.dhall ? 0");
  write("self.dhall", "./self.dhall");
  auto error = load_error("a.dhall");
  EXPECT_EQ(error.kind(), ErrorKind::import);
  EXPECT_TRUE(contains(error.message(), "./a.dhall imports ./b.dhall imports ./a.dhall"))
      << error.message();
  EXPECT_FALSE(is_absent("a.dhall"));
  EXPECT_TRUE(contains(load_error("self.dhall").message(), "cyclic"));
}

TEST_F(ResolverTest, ACycleThroughAnAbsolutePathIsCaught) {
  write("a.dhall", (tree.root() / "b.dhall").string());
  write("b.dhall", "./a.dhall");
  EXPECT_TRUE(contains(load_error("a.dhall").message(), "cyclic"));
}

TEST_F(ResolverTest, SymlinkLoopsAreCycles) {
  write("dir/a.dhall", "./loop/a.dhall");
  std::filesystem::create_directory_symlink(".", tree.root() / "dir" / "loop");
  EXPECT_TRUE(contains(load_error("dir/a.dhall").message(), "cyclic"));
}

TEST_F(ResolverTest, VeryLongChainsStopAtTheDepthLimit) {
  constexpr int length = 300;
  for (int i = 0; i < length; ++i) {
    write("f" + std::to_string(i) + ".dhall", "./f" + std::to_string(i + 1) + ".dhall");
  }
  write("f" + std::to_string(length) + ".dhall", "0");
  auto error = load_error("f0.dhall");
  EXPECT_TRUE(contains(error.message(), "more than 128")) << error.message();
  options.max_import_depth = 400;
  EXPECT_EQ(load("f0.dhall"), "0");
}

TEST_F(ResolverTest, FailuresUnderAlternativesStayLinear) {
  // Each level tries the next one twice; the last one does not exist.
  constexpr int levels = 40;
  for (int level = 0; level < levels; ++level) {
    auto next = "./level" + std::to_string(level + 1) + ".dhall";
    write("level" + std::to_string(level) + ".dhall", next + " ? " + next);
  }
  EXPECT_TRUE(is_absent("level0.dhall"));
}

TEST_F(ResolverTest, DevicesAndDirectoriesAreNotRead) {
  write("zero.dhall", "/dev/zero as Text");
  write("dir/x", "");
  write("directory.dhall", "./dir as Text ? 1");
  EXPECT_TRUE(contains(load_error("zero.dhall").message(), "not a regular file"));
  EXPECT_TRUE(contains(load_error("directory.dhall").message(), "not a regular file"));
}

TEST_F(ResolverTest, TextImportsMustBeUtf8) {
  tree.write("latin1.txt", "caf\xE9");
  write("main.dhall", "./latin1.txt as Text");
  EXPECT_TRUE(contains(load_error("main.dhall").message(), "not UTF-8"));
}

TEST_F(ResolverTest, HomeImportWithoutHome) {
  variables.erase("HOME");
  write("main.dhall", "~/x.dhall ? 7");
  EXPECT_EQ(load("main.dhall"), "7");
}

} // namespace
} // namespace polar::dhall
