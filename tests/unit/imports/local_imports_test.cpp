// Local imports that succeed: chaining, modes, memoization, dependencies.
#include "resolver_fixture.h"

namespace polar::dhall {
namespace {

using testing::ResolverTest;
namespace fs = std::filesystem;

TEST_F(ResolverTest, RelativeImportsChainFromTheImportingFile) {
  write("main.dhall", "./config/values.dhall");
  write("config/values.dhall", "{ port = ./port.dhall, name = ../name.dhall }");
  write("config/port.dhall", "8000 + 80");
  write("name.dhall", "\"web\"");
  EXPECT_EQ(load("main.dhall"), "{ name = \"web\", port = 8080 }");
}

TEST_F(ResolverTest, AbsoluteAndHomeImports) {
  write("home/greeting.dhall", "\"hello\"");
  write("abs.dhall", "~/greeting.dhall");
  write("main.dhall", (tree.root() / "abs.dhall").string() + " ++ \"!\"");
  EXPECT_EQ(load("main.dhall"), "\"hello!\"");
}

TEST_F(ResolverTest, ImportModes) {
  write("data/text.txt", "line\n");
  tree.write("data/bytes.bin", std::string("\x01\xAB", 2));
  write("main.dhall",
        "{ t = ./data/text.txt as Text, b = ./data/bytes.bin as Bytes, "
        "l = ./data/../x.dhall as Location, e = env:PATH as Location, m = missing as Location }");
  std::string type = "< Local : Text | Remote : Text | Environment : Text | Missing >";
  EXPECT_TRUE(loads_as("main.dhall", "{ t = \"line\\n\", b = 0x\"01AB\", l = " + type +
                                         ".Local \"./x.dhall\", e = " + type +
                                         ".Environment \"PATH\", m = " + type + ".Missing }"));
}

TEST_F(ResolverTest, LocationOfAnAbsentFileIsNotAnError) {
  write("main.dhall", "./nowhere/../x.dhall as Location");
  EXPECT_NE(load("main.dhall").find("\"./x.dhall\""), std::string::npos);
}

TEST_F(ResolverTest, LocationsStayRelativeToTheWorkingDirectory) {
  write("a/b/main.dhall", "../c/x.dhall as Location");
  EXPECT_NE(load("a/b/main.dhall").find("\"./a/c/x.dhall\""), std::string::npos);
  EXPECT_NE(load("./a/b/main.dhall").find("\"./a/c/x.dhall\""), std::string::npos);
}

TEST_F(ResolverTest, EnvironmentImports) {
  variables["PORT"] = "40 + 2";
  write("main.dhall", "{ port = env:PORT, raw = env:PORT as Text }");
  EXPECT_EQ(load("main.dhall"), "{ port = 42, raw = \"40 + 2\" }");
}

TEST_F(ResolverTest, QuotedPathComponents) {
  write("my dir/file with spaces.dhall", "True");
  write("main.dhall", "./\"my dir\"/\"file with spaces.dhall\"");
  EXPECT_EQ(load("main.dhall"), "True");
}

TEST_F(ResolverTest, ImportsAreReplacedByTheirNormalFormOnly) {
  write("sum.dhall", "1 + 1");
  write("main.dhall", "let x = ./sum.dhall in x + 0");
  auto parsed = parse_text("let x = ./sum.dhall in x + 0", "main.dhall");
  EXPECT_EQ(print(*resolve_imports(parsed, "main.dhall", options)), "let x = 2 in x + 0");
}

TEST_F(ResolverTest, ADuplicateImportIsResolvedOnceAndShared) {
  write("value.dhall", "{ a = 1 }");
  auto parsed = parse_text("[ ./value.dhall, ./sub/../value.dhall ]");
  write("main.dhall", "");
  auto resolved = resolve_imports(parsed, "main.dhall", options);
  const auto* list = resolved->as<ListLit>();
  ASSERT_NE(list, nullptr);
  EXPECT_EQ(list->items[0], list->items[1]);
}

TEST_F(ResolverTest, DiamondsStayLinear) {
  // Each level imports the next one twice: 2^40 paths through 41 files.
  // (Values that are themselves exponential, like `{ a = x, b = x }`, would
  // blow up in normalization whether imported or not.)
  constexpr int levels = 40;
  for (int level = 0; level < levels; ++level) {
    auto next = "./level" + std::to_string(level + 1) + ".dhall";
    write("level" + std::to_string(level) + ".dhall", next + " + " + next);
  }
  write("level" + std::to_string(levels) + ".dhall", "1");
  auto loaded = load_file("level0.dhall", options);
  EXPECT_EQ(print(*loaded.normal_form()), "1099511627776");
  EXPECT_EQ(loaded.dependencies.size(), static_cast<std::size_t>(levels + 1));
}

TEST_F(ResolverTest, DependenciesListEveryFileReadOnceInOrder) {
  write("main.dhall", "{ a = ./a.dhall, b = ./b.txt as Text, c = ./a.dhall, "
                      "d = ./b.txt as Bytes, e = ./gone.dhall ? 0 }");
  write("a.dhall", "./sub/c.dhall");
  write("sub/c.dhall", "1");
  write("b.txt", "b");
  auto loaded = load_file("main.dhall", options);
  std::vector<fs::path> expected;
  for (const auto* file : {"main.dhall", "a.dhall", "sub/c.dhall", "b.txt"}) {
    expected.push_back(fs::absolute(tree.root() / file).lexically_normal());
  }
  EXPECT_EQ(loaded.dependencies, expected);
}

TEST_F(ResolverTest, LoadedCarriesTheType) {
  write("main.dhall", "λ(x : Natural) → x + ./one.dhall");
  write("one.dhall", "1");
  auto loaded = load_file("main.dhall", options);
  EXPECT_EQ(print(*loaded.type()), "∀(x : Natural) → Natural");
  EXPECT_EQ(print(*loaded.normal_form()), "λ(x : Natural) → x + 1");
}

TEST_F(ResolverTest, LoadSourceResolvesRelativeToTheGivenDirectory) {
  write("dir/one.dhall", "1");
  auto source = std::make_shared<const SourceFile>(SourceFile{"(stdin)", "./one.dhall + 1"});
  auto loaded = load_source(source, tree.root() / "dir", options);
  EXPECT_EQ(print(*loaded.normal_form()), "2");
  EXPECT_EQ(loaded.dependencies,
            std::vector<fs::path>{fs::absolute(tree.root() / "dir" / "one.dhall")});
}

TEST_F(ResolverTest, AbsentWorkingDirectoryMeansTheProcessDirectory) {
  write("one.dhall", "1");
  auto absolute = (tree.root() / "one.dhall").string();
  auto source = std::make_shared<const SourceFile>(SourceFile{"(stdin)", absolute});
  LoadOptions defaults = options;
  defaults.working_directory.clear();
  EXPECT_EQ(print(*load_source(source, ".", defaults).normal_form()), "1");
}

} // namespace
} // namespace polar::dhall
