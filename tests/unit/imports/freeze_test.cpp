// freeze_source edits only the pins, with the hashes a load computes, and
// in_dependency_order puts imported files first; find_inputs lists what a
// file and its local imports read without reading any value.
#include <string>

#include "binary/encode.h"
#include "binary/hash.h"
#include "imports/freeze.h"
#include "imports/inputs.h"
#include "resolver_fixture.h"
#include "semantics/eval.h"

namespace polar::dhall {
namespace {

namespace fs = std::filesystem;

class FreezeTest : public testing::ResolverTest {
protected:
  FreezeTest() { write("lib.dhall", "{ port = 80 }"); }

  FrozenSource freeze(const std::string& text, FreezeOptions freeze_options = {}) {
    auto source = std::make_shared<const SourceFile>(SourceFile{"main.dhall", text});
    return freeze_source(source, tree.root(), freeze_options, options);
  }

  std::string pin_of(const std::string& relative) {
    return "sha256:" +
           to_hex(sha256(encode(*alpha_normalize(load_file(relative, options).normal_form()))));
  }
};

TEST_F(FreezeTest, PinsOnlyWhatIsInScopeAndKeepsEveryOtherByte) {
  std::string text = "-- comment\nlet a = ./lib.dhall {- kept -}\nin  a";
  EXPECT_EQ(freeze(text).text, text); // local, not pinned yet: needs --all
  auto frozen = freeze(text, {.all = true});
  EXPECT_EQ(frozen.text,
            "-- comment\nlet a = ./lib.dhall " + pin_of("lib.dhall") + " {- kept -}\nin  a");
  ASSERT_EQ(frozen.changes.size(), 1U);
  EXPECT_FALSE(frozen.changes[0].pinned);
  EXPECT_EQ(freeze(frozen.text, {.all = true}).text, frozen.text); // idempotent
  EXPECT_TRUE(freeze(frozen.text, {.all = true}).changes.empty());
}

TEST_F(FreezeTest, AStalePinIsReplacedWithoutAll) {
  std::string stale = "sha256:" + std::string(64, 'a');
  auto frozen = freeze("(./lib.dhall " + stale + ").port");
  EXPECT_EQ(frozen.text, "(./lib.dhall " + pin_of("lib.dhall") + ").port");
  ASSERT_EQ(frozen.changes.size(), 1U);
  ASSERT_TRUE(frozen.changes[0].pinned);
  EXPECT_EQ(to_hex(*frozen.changes[0].pinned), std::string(64, 'a'));
}

TEST_F(FreezeTest, TextImportsArePinnedBeforeTheirMode) {
  write("note.txt", "hi");
  write("note.dhall", "\"hi\"");
  EXPECT_EQ(freeze("./note.txt as Text", {.all = true}).text,
            "./note.txt " + pin_of("note.dhall") + " as Text");
}

TEST_F(FreezeTest, CacheFormNeedsParenthesesOnlyAsAnOperand) {
  std::string pin = pin_of("lib.dhall");
  EXPECT_EQ(freeze("let a = ./lib.dhall in a", {.all = true, .cache = true}).text,
            "let a = missing " + pin + " ? ./lib.dhall in a");
  EXPECT_EQ(freeze("./lib.dhall // { b = 1 }", {.all = true, .cache = true}).text,
            "(missing " + pin + " ? ./lib.dhall) // { b = 1 }");
  std::string cached = "missing " + pin + " ? ./lib.dhall";
  EXPECT_TRUE(freeze(cached, {.all = true, .cache = true}).changes.empty());
  EXPECT_EQ(freeze(cached).text, "./lib.dhall " + pin); // back to the plain form
}

TEST_F(FreezeTest, ImportsReadingVariablesAreNeverPinned) {
  variables["TOKEN"] = "\"secret\"";
  write("token.dhall", "env:TOKEN");
  auto frozen = freeze("./token.dhall", {.all = true});
  EXPECT_EQ(frozen.text, "./token.dhall");
  EXPECT_EQ(frozen.secret.size(), 1U);
  EXPECT_EQ(freeze("env:TOKEN", {.all = true}).text, "env:TOKEN");
}

// An unset variable with a fallback: the pin would be the fallback's digest.
TEST_F(FreezeTest, ImportsLookingUpUnsetVariablesAreNeverPinned) {
  write("tag.dhall", "{ tag = env:IMAGE_TAG as Text ? \"latest\" }");
  auto frozen = freeze("./tag.dhall", {.all = true});
  EXPECT_EQ(frozen.text, "./tag.dhall");
  EXPECT_EQ(frozen.secret.size(), 1U);
}

TEST_F(FreezeTest, DependenciesComeFirst) {
  write("a.dhall", "./b.dhall");
  write("b.dhall", "./sub/c.dhall");
  write("sub/c.dhall", "./d.dhall");
  write("sub/d.dhall", "1");
  auto root = tree.root();
  auto ordered =
      in_dependency_order({root / "a.dhall", root / "sub/d.dhall", root / "b.dhall"}, options);
  EXPECT_EQ(ordered,
            (std::vector<fs::path>{root / "sub/d.dhall", root / "b.dhall", root / "a.dhall"}));
}

TEST_F(FreezeTest, InputsFollowLocalImportsAndReadNoValue) {
  variables["SECRET"] = "leaked-value";
  write("env.dhall", "{ a = env:SECRET as Text, b = env:OPTIONAL ? 1 }");
  write("main.dhall", "{ e = ./env.dhall, l = env:HERE as Location, f = ./gone.dhall ? 2 }");
  Inputs inputs = find_inputs("main.dhall", options);
  ASSERT_EQ(inputs.variables.size(), 3U);
  EXPECT_EQ(inputs.variables[0].name, "HERE");
  EXPECT_EQ(inputs.variables[0].optionality, Optionality::location);
  EXPECT_EQ(inputs.variables[1].name, "OPTIONAL");
  EXPECT_EQ(inputs.variables[1].optionality, Optionality::fallback);
  EXPECT_EQ(inputs.variables[2].name, "SECRET");
  EXPECT_EQ(inputs.variables[2].optionality, Optionality::required);
  ASSERT_EQ(inputs.files.size(), 2U);
  EXPECT_EQ(inputs.files[0].location, "./env.dhall");
  EXPECT_TRUE(inputs.files[0].exists);
  EXPECT_EQ(inputs.files[1].location, "./gone.dhall");
  EXPECT_FALSE(inputs.files[1].exists);
  EXPECT_TRUE(inputs.files[1].optional);
}

TEST_F(FreezeTest, ChainsOfAnyLengthAreWalkedWithoutOverflowingTheStack) {
  // 100,000 lets, an application spine and an operator chain: each is as
  // deep as it is long, and crashed `inputs`, `freeze` and the chart's
  // variables check before they were followed in a loop.
  std::string source;
  for (int index = 0; index < 100000; ++index) {
    source += "let x" + std::to_string(index) + " = " + std::to_string(index) + "\n";
  }
  source += "let f = \\(n : Natural) -> n in { a = env:FIRST ? env:SECOND";
  source += ", b = f";
  for (int index = 0; index < 100000; ++index) {
    source += " 1";
  }
  source += ", c = 0";
  for (int index = 0; index < 100000; ++index) {
    source += " + 1";
  }
  source += ", d = ./other.dhall }\n";
  write("other.dhall", "env:OTHER as Text");
  write("long.dhall", source);
  Inputs inputs = find_inputs("long.dhall", options);
  ASSERT_EQ(inputs.variables.size(), 3U);
  EXPECT_EQ(inputs.files.size(), 1U);
  std::vector<MissingVariable> missing = missing_variables({inputs}, options.environment);
  ASSERT_EQ(missing.size(), 2U);
  EXPECT_EQ(missing[0].name, "FIRST or SECOND");
  EXPECT_EQ(missing[1].name, "OTHER");
}

TEST_F(FreezeTest, MissingVariablesAreThoseEveryLoadReads) {
  variables["SET"] = "a-value";
  write("lib/env.dhall", "{ a = env:LIB_TOKEN as Text, b = env:SET as Text }");
  write("other.dhall", "env:IN_OTHER as Text");
  write("main.dhall", "{ l = ./lib/env.dhall, f = env:FIRST ? env:SECOND,\n"
                      "  o = ./other.dhall ? 2, x = env:UNSET_TOO as Text, y = 3 ? ./other.dhall,\n"
                      "  t = env:LIB_TOKEN as Text, where = env:NOWHERE as Location }");
  write("second.dhall", "{ again = ./lib/env.dhall, own = env:SECOND_FILE as Text }");
  Inputs inputs = find_inputs("main.dhall", options);
  ASSERT_EQ(inputs.variables.size(), 7U);
  EXPECT_EQ(inputs.variables[1].name, "IN_OTHER"); // behind `?` or one of its alternatives
  EXPECT_TRUE(inputs.variables[1].always_read_at.empty());
  EXPECT_EQ(inputs.variables[4].name, "SECOND"); // required, but an alternative
  EXPECT_EQ(inputs.variables[4].optionality, Optionality::required);
  EXPECT_TRUE(inputs.variables[4].always_read_at.empty());
  EXPECT_EQ(inputs.variables[5].name, "SET");
  EXPECT_EQ(inputs.variables[5].always_read_at.size(), 1U);
  EXPECT_EQ(inputs.files[0].path, tree.root() / "lib/env.dhall");

  std::vector<MissingVariable> missing =
      missing_variables({inputs, find_inputs("second.dhall", options)}, options.environment);
  ASSERT_EQ(missing.size(), 4U);
  // `env:FIRST ? env:SECOND` fails when neither is set: one entry for the chain.
  EXPECT_EQ(missing[0].name, "FIRST or SECOND");
  EXPECT_EQ(missing[0].alternatives, (std::vector<std::string>{"FIRST", "SECOND"}));
  EXPECT_EQ(missing[0].read_at,
            (std::vector<std::string>{(tree.root() / "main.dhall").string() + ":1:28"}));
  EXPECT_EQ(missing[1].name, "LIB_TOKEN");
  EXPECT_EQ(missing[1].read_at,
            (std::vector<std::string>{(tree.root() / "lib/env.dhall").string() + ":1:7",
                                      (tree.root() / "main.dhall").string() + ":3:7"}));
  EXPECT_EQ(missing[2].name, "SECOND_FILE");
  EXPECT_EQ(missing[3].name, "UNSET_TOO");
  variables["SECOND"] = "set";
  EXPECT_EQ(missing_variables({inputs}, options.environment).size(), 2U); // LIB_TOKEN, UNSET_TOO
  variables.erase("SECOND");
  std::string message = describe_missing_variables(missing);
  EXPECT_NE(message.find("4 environment variables"), std::string::npos) << message;
  EXPECT_NE(message.find("  FIRST or SECOND (alternatives of `?`: one must be set), read at "),
            std::string::npos)
      << message;
  EXPECT_NE(
      message.find("  UNSET_TOO, read at " + (tree.root() / "main.dhall").string() + ":2:30\n"),
      std::string::npos)
      << message;
  EXPECT_EQ(message.find("a-value"), std::string::npos);
}

} // namespace
} // namespace polar::dhall
