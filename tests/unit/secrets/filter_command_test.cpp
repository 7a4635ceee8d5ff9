#include <functional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "secrets/error.h"
#include "secrets/filter_command.h"

namespace polar::secrets {
namespace {

using Words = std::vector<std::string>;

ErrorKind kind_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const Error& error) {
    return error.kind();
  }
  ADD_FAILURE() << "no error";
  return ErrorKind::crypto;
}

TEST(SplitCommandLine, SplitsLikeAShell) {
  EXPECT_EQ(split_command_line("sops --encrypt  --age\tage1x /dev/stdin"),
            (Words{"sops", "--encrypt", "--age", "age1x", "/dev/stdin"}));
  EXPECT_EQ(split_command_line(R"(a 'b c' "d \"e\" \\ \x" f\ g '' 'it'\''s')"),
            (Words{"a", "b c", R"(d "e" \ \x)", "f g", "", "it's"}));
}

TEST(SplitCommandLine, RejectsUnterminatedQuotesAndEmptyLines) {
  for (const char* line : {"a 'b", "a \"b", "a b\\", "", "   "}) {
    EXPECT_EQ(kind_of([&] { split_command_line(line); }), ErrorKind::input) << line;
  }
}

TEST(RunFilterCommand, PipesTheInputThroughTheCommand) {
  EXPECT_EQ(run_filter_command({"tr", "a-z", "A-Z"}, "token: abc\n"), "TOKEN: ABC\n");
  EXPECT_EQ(run_filter_command({"cat"}, ""), "");
}

TEST(RunFilterCommand, MovesMoreThanAPipeHoldsBothWays) {
  std::string big(1 << 20, 'x');
  EXPECT_EQ(run_filter_command({"cat"}, big), big);
}

TEST(RunFilterCommand, ReportsFailuresWithoutTheInput) {
  try {
    run_filter_command({"sh", "-c", "cat >/dev/null; exit 3"}, "secret-value");
    FAIL() << "no error";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::command);
    EXPECT_NE(std::string(error.what()).find("exit status 3"), std::string::npos);
    EXPECT_EQ(std::string(error.what()).find("secret-value"), std::string::npos);
  }
  EXPECT_EQ(kind_of([] { run_filter_command({"polar-helm-no-such-program"}, "x"); }),
            ErrorKind::command);
}

TEST(RunFilterCommand, SurvivesACommandThatStopsReading) {
  std::string big(1 << 20, 'x');
  EXPECT_EQ(run_filter_command({"sh", "-c", "echo done"}, big), "done\n");
}

} // namespace
} // namespace polar::secrets
