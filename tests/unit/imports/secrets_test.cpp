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

} // namespace
} // namespace polar::dhall
