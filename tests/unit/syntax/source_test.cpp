#include "syntax/source.h"

#include <gtest/gtest.h>

namespace polar::dhall {
namespace {

TEST(Source, LineAndColumnCountCodePoints) {
  SourceFile file{"a.dhall", "let x = 1\nin  λ(y : T) → z\n"};
  auto position = line_column(file, static_cast<std::uint32_t>(file.text.find('z')));
  EXPECT_EQ(position.line, 2U);
  EXPECT_EQ(position.column, 16U);
}

TEST(Source, ErrorShowsLineAndCaret) {
  auto file = std::make_shared<SourceFile>(SourceFile{"a.dhall", "{ a = 1,\n  b = ]\n}\n"});
  auto begin = static_cast<std::uint32_t>(file->text.find(']'));
  Error error(ErrorKind::parse, "expected an expression", Span{file, begin, begin + 1});
  EXPECT_EQ(error.format(), "a.dhall:2:7: error: expected an expression\n"
                            "      b = ]\n"
                            "          ^\n");
}

TEST(Source, OnlyAbsentImportsAreAbsent) {
  EXPECT_TRUE(Error::absent_import("`missing`", {}).is_absent_import());
  EXPECT_EQ(Error::absent_import("`missing`", {}).kind(), ErrorKind::import);
  EXPECT_FALSE(Error(ErrorKind::import, "a cycle").is_absent_import());
}

// The error every copying path starts from: absent, with a note and a
// hidden source line.
Error absent_hidden_error() {
  Error error = Error::absent_import("the file ./a.dhall does not exist", {});
  error.add_note("imported from ./main.dhall:1:1");
  error.hide_source_line();
  return error;
}

TEST(Source, AnErrorPointedElsewhereKeepsWhatItCarries) {
  auto file = std::make_shared<SourceFile>(SourceFile{"main.dhall", "./a.dhall"});
  Error located = absent_hidden_error().at(Span{file, 0, 9});
  EXPECT_EQ(located.span().file, file);
  EXPECT_TRUE(located.is_absent_import());
  EXPECT_TRUE(located.source_line_hidden());
  EXPECT_EQ(located.notes(), absent_hidden_error().notes());
  EXPECT_EQ(located.format(), "main.dhall:1:1: error: the file ./a.dhall does not exist\n"
                              "  imported from ./main.dhall:1:1\n");
}

TEST(Source, AnErrorWithAnotherMessageKeepsWhatItCarries) {
  Error renamed = absent_hidden_error().with_message("cannot freeze ./a.dhall");
  EXPECT_EQ(renamed.message(), "cannot freeze ./a.dhall");
  EXPECT_STREQ(renamed.what(), "cannot freeze ./a.dhall");
  EXPECT_TRUE(renamed.is_absent_import());
  EXPECT_TRUE(renamed.source_line_hidden());
  EXPECT_EQ(renamed.notes(), absent_hidden_error().notes());
  EXPECT_TRUE(absent_hidden_error().with_message("m", {}).notes().empty());
}

} // namespace
} // namespace polar::dhall
