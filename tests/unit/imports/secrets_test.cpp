// Values of environment variables never reach a diagnostic.
#include "resolver_fixture.h"

namespace polar::dhall {
namespace {

using testing::ResolverTest;

constexpr const char* secret = "hunter2-s3cr3t";

std::string everything_shown(const Error& error) {
  std::string shown = error.format() + error.message();
  for (const auto& note : error.notes()) {
    shown += note;
  }
  return shown;
}

class SecretsTest : public ResolverTest {
protected:
  Error error_with(const std::string& value) {
    variables["TOKEN"] = value;
    write("main.dhall", "{ token = env:TOKEN }");
    auto error = load_error("main.dhall");
    EXPECT_EQ(everything_shown(error).find(secret), std::string::npos) << error.format();
    EXPECT_NE(error.message().find("TOKEN"), std::string::npos) << error.message();
    return error;
  }
};

TEST_F(SecretsTest, ParseErrorDoesNotShowTheValue) {
  EXPECT_EQ(error_with(std::string("{ password = ") + secret).kind(), ErrorKind::parse);
}

TEST_F(SecretsTest, TypeErrorDoesNotShowTheValue) {
  EXPECT_EQ(error_with(std::string("\"") + secret + "\" + 1").kind(), ErrorKind::type);
}

TEST_F(SecretsTest, ImportErrorsInsideTheValueDoNotShowIt) {
  EXPECT_EQ(error_with(std::string("./") + secret + ".dhall").kind(), ErrorKind::import);
  EXPECT_TRUE(is_absent("main.dhall"));
  write("bad.dhall", "1 + True");
  EXPECT_EQ(error_with(std::string("let s = \"") + secret + "\" in ./bad.dhall").kind(),
            ErrorKind::type);
}

TEST_F(SecretsTest, AbsentImportsInsideTheValueStillFallBack) {
  variables["TOKEN"] = std::string("./") + secret + ".dhall";
  write("main.dhall", "env:TOKEN ? 0");
  EXPECT_EQ(load("main.dhall"), "0");
}

TEST_F(SecretsTest, HashMismatchDoesNotShowTheHashOfTheValue) {
  variables["TOKEN"] = std::string("\"") + secret + "\"";
  write("main.dhall", "env:TOKEN sha256:" + std::string(64, 'a'));
  auto error = load_error("main.dhall");
  EXPECT_EQ(error.message().find("hashes to"), std::string::npos) << error.message();
}

// Loads of non-secret files that read a variable and then fail: the type
// checker quotes the resolved expression, the value included.
class EnvironmentValueTest : public ResolverTest {
protected:
  EnvironmentValueTest() { variables["TOKEN"] = secret; }

  Error redacted_error(const std::string& main) {
    write("main.dhall", main);
    auto error = load_error("main.dhall");
    EXPECT_EQ(everything_shown(error).find(secret), std::string::npos) << error.format();
    EXPECT_NE(error.message().find("<value hidden>"), std::string::npos) << error.message();
    return error;
  }

  Error load_error_in_main(const std::string& main) {
    write("main.dhall", main);
    return load_error("main.dhall");
  }
};

TEST_F(EnvironmentValueTest, AssertionOnTextHidesTheValueButKeepsTheSourceLine) {
  auto error = redacted_error("assert : env:TOKEN as Text === \"x\"");
  EXPECT_EQ(error.kind(), ErrorKind::type);
  EXPECT_NE(error.format().find("assert : env:TOKEN as Text"), std::string::npos) << error.format();
}

TEST_F(EnvironmentValueTest, ValuesAsBytesAndAsCodeAreHidden) {
  redacted_error("assert : env:TOKEN as Bytes === 0x\"00\"");
  variables["CODE"] = std::string("\"") + secret + "\"";
  redacted_error("assert : env:CODE === \"x\"");
}

TEST_F(EnvironmentValueTest, FailuresInsideAnImportAfterTheReadAreHidden) {
  write("check.dhall", "let t = env:TOKEN as Text in assert : t === \"x\"");
  auto error = redacted_error("{ checked = ./check.dhall }");
  EXPECT_FALSE(error.notes().empty()); // the import chain stays
}

TEST_F(EnvironmentValueTest, AbsentImportsStayAbsent) {
  write("main.dhall", "let t = env:TOKEN as Text in ./missing.dhall");
  EXPECT_TRUE(is_absent("main.dhall"));
}

TEST_F(EnvironmentValueTest, AFallbackFromAnUnsetVariableReadsNothing) {
  auto error = load_error_in_main("assert : (env:UNSET as Text ? \"fallback\") === \"x\"");
  EXPECT_NE(error.message().find("\"fallback\""), std::string::npos) << error.message();
}

TEST_F(EnvironmentValueTest, AFallbackAfterASetVariableIsStillHidden) {
  redacted_error("assert : (env:TOKEN as Text ? \"fallback\") === \"x\"");
}

TEST_F(EnvironmentValueTest, LoadsWithoutVariablesKeepTheirMessages) {
  auto error = load_error_in_main("assert : \"plain\" === \"x\"");
  EXPECT_NE(error.message().find("\"plain\""), std::string::npos) << error.message();
  EXPECT_EQ(error.message().find("<value hidden>"), std::string::npos) << error.message();
}

TEST_F(EnvironmentValueTest, HomeDoesNotCountAsAValue) {
  write("home/config.dhall", "\"plain\"");
  auto error = load_error_in_main("assert : ~/config.dhall === \"x\"");
  EXPECT_NE(error.message().find("\"plain\""), std::string::npos) << error.message();
}

TEST_F(EnvironmentValueTest, LoadSourceHidesTheValueToo) {
  auto source = std::make_shared<const SourceFile>(
      SourceFile{"(stdin)", "assert : env:TOKEN as Text === \"x\""});
  try {
    load_source(source, tree.root(), options);
    ADD_FAILURE() << "the assertion holds";
  } catch (const Error& error) {
    EXPECT_EQ(everything_shown(error).find(secret), std::string::npos) << error.format();
  }
}

TEST(EnvironmentReads, NotesOnlyVariablesThatAreSetAndHoldValues) {
  EnvironmentReads reads([](const std::string& name) -> std::optional<std::string> {
    return name == "UNSET" ? std::nullopt : std::optional<std::string>("value");
  });
  EnvironmentLookup lookup = reads.watched();
  EXPECT_FALSE(lookup("UNSET"));
  EXPECT_EQ(lookup("HOME"), "value");
  EXPECT_EQ(lookup("XDG_CACHE_HOME"), "value");
  EXPECT_FALSE(reads.any());
  EXPECT_EQ(lookup("TOKEN"), "value");
  EXPECT_TRUE(reads.any());
}

} // namespace
} // namespace polar::dhall
