// Errors without the literals they quote.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "imports/redact.h"

namespace polar::dhall {
namespace {

TEST(WithoutValues, HidesQuotedLiteralsAndKeepsTypesSpanAndNotes) {
  Error error(ErrorKind::type, "assertion failed: `\"s3cr3t\"` is not equivalent to `+42`; "
                               "expected `List Text`");
  error.add_note("imported from ./values.dhall:3:5");
  Error hidden = without_values(error);
  EXPECT_EQ(hidden.message(), "assertion failed: `<value hidden>` is not equivalent to "
                              "`<value hidden>`; expected `List Text`");
  EXPECT_EQ(hidden.kind(), ErrorKind::type);
  EXPECT_EQ(hidden.notes(), error.notes());
}

TEST(WithoutValues, HidesLiteralsQuotedInNotes) {
  Error error(ErrorKind::import, "the import failed");
  error.add_note("the left side of `?` failed first: `\"s3cr3t\"` is not a path");
  EXPECT_EQ(without_values(error).notes().at(0),
            "the left side of `?` failed first: `<value hidden>` is not a path");
}

TEST(WithoutValues, LeavesAnUnclosedBacktickAlone) {
  Error error(ErrorKind::type, "`Natural` then ` 1 and nothing closes it");
  EXPECT_EQ(without_values(error).message(), error.message());
}

TEST(WithoutValues, LeavesTheSourceLineOutButKeepsThePosition) {
  auto source =
      std::make_shared<SourceFile>(SourceFile{"db-secret.dhall", "{ password = \"s3cr3t\" + 1 }"});
  Error error(ErrorKind::type, "the operator `+` takes Natural operands", Span{source, 13, 21});
  EXPECT_NE(error.format().find("s3cr3t"), std::string::npos); // the test plants it
  std::string shown = without_values(error).format();
  EXPECT_EQ(shown.find("s3cr3t"), std::string::npos);
  EXPECT_EQ(shown.find("db-secret.dhall:1:14: error: the operator"), 0U);
}

TEST(WithoutValues, CanKeepTheSourceLine) {
  auto source = std::make_shared<SourceFile>(SourceFile{"values.dhall", "{ port = 80 + True }"});
  Error error(ErrorKind::type, "the operator `+` takes Natural operands", Span{source, 9, 18});
  std::string shown = without_values(error, SourceLine::shown).format();
  EXPECT_NE(shown.find("{ port = 80 + True }"), std::string::npos) << shown;
}

TEST(WithoutValues, KeepsALineThatWasHiddenHidden) {
  auto source = std::make_shared<SourceFile>(SourceFile{"env:TOKEN", "s3cr3t + 1"});
  Error error(ErrorKind::type, "the operator `+` takes Natural operands", Span{source, 0, 6});
  error.hide_source_line();
  std::string shown = without_values(error, SourceLine::shown).format();
  EXPECT_EQ(shown.find("s3cr3t"), std::string::npos) << shown;
}

TEST(WithoutValues, KeepsAnAbsentImportAbsent) {
  Error absent = Error::absent_import("the environment variable TOKEN is not set", {});
  EXPECT_TRUE(without_values(absent).is_absent_import());
  EXPECT_FALSE(without_values(Error(ErrorKind::import, "a cycle")).is_absent_import());
}

} // namespace
} // namespace polar::dhall
