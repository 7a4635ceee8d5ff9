// The source line under a diagnostic: cut around the caret when long,
// escaped so it cannot drive the terminal.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "syntax/source.h"

namespace polar::dhall {
namespace {

// The excerpt part of the formatted error at [begin, end) of `text`.
std::string excerpt(std::string text, std::size_t begin, std::size_t end) {
  auto file = std::make_shared<SourceFile>(SourceFile{"a.dhall", std::move(text)});
  Error error(ErrorKind::parse, "m",
              Span{file, static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end)});
  std::string formatted = error.format();
  return formatted.substr(formatted.find('\n') + 1);
}

TEST(SourceExcerpt, ShowsAShortLineWhole) {
  EXPECT_EQ(excerpt("let x = 1\nin  x + True\n", 18, 22), "    in  x + True\n"
                                                          "            ^~~~\n");
}

TEST(SourceExcerpt, CutsAVeryLongLineAroundTheCaret) {
  std::string text = std::string(10'000'000, 'a') + "BAD" + std::string(10'000'000, 'b');
  std::string shown = excerpt(text, 10'000'000, 10'000'003);
  EXPECT_LT(shown.size(), 300U);
  std::string line = shown.substr(0, shown.find('\n'));
  std::string caret = shown.substr(shown.find('\n') + 1);
  ASSERT_TRUE(line.starts_with("    ...a")) << line;
  ASSERT_TRUE(line.ends_with("b...")) << line;
  EXPECT_EQ(line.substr(caret.find('^'), 3), "BAD");
  EXPECT_EQ(caret.substr(caret.find('^')), "^~~\n");
}

TEST(SourceExcerpt, CutsOnlyTheEndWhenTheCaretIsNearTheStart) {
  std::string shown = excerpt("x" + std::string(1000, ' ') + "y", 0, 1);
  EXPECT_TRUE(shown.starts_with("    x ")) << shown;
  EXPECT_NE(shown.find("...\n    ^\n"), std::string::npos) << shown;
}

TEST(SourceExcerpt, CutsOnlyTheStartWhenTheCaretIsNearTheEnd) {
  std::string text = std::string(1000, 'a') + "!";
  std::string shown = excerpt(text, 1000, 1001);
  std::string line = shown.substr(0, shown.find('\n'));
  EXPECT_TRUE(line.starts_with("    ...a")) << line;
  EXPECT_TRUE(line.ends_with("a!")) << line;
  EXPECT_EQ(shown.substr(shown.find('\n') + 1).find('^'), line.size() - 1);
}

TEST(SourceExcerpt, CutsACaretRangeThatRunsPastTheWindow) {
  std::string shown = excerpt(std::string(1000, 'a'), 10, 900);
  std::string caret = shown.substr(shown.find('\n') + 1);
  EXPECT_LE(caret.size(), shown.find('\n') + 1);
  EXPECT_NE(caret.find("^~~~"), std::string::npos);
}

TEST(SourceExcerpt, EscapesControlBytesAndKeepsTheCaretUnderThem) {
  std::string shown = excerpt(std::string("a\x1b[2Jb = \x07"), 9, 10);
  EXPECT_EQ(shown, "    a\\x1B[2Jb = \\x07\n"
                   "                ^~~~\n");
}

TEST(SourceExcerpt, EscapesBytesThatAreNotUtf8AndKeepsValidUtf8) {
  // A lone continuation byte, an overlong '/', a surrogate, then λ.
  std::string shown = excerpt("\x80 \xC0\xAF \xED\xA0\x80 \xCE\xBB x", 12, 13);
  EXPECT_EQ(shown, "    \\x80 \\xC0\\xAF \\xED\\xA0\\x80 \xCE\xBB x\n"
                   "                                 ^\n");
}

TEST(SourceExcerpt, EscapesC1Controls) {
  // U+009B is a control sequence introducer on some terminals.
  EXPECT_EQ(excerpt("\xC2\x9B"
                    "2J",
                    2, 3),
            "    \\xC2\\x9B2J\n"
            "            ^\n");
}

TEST(SourceExcerpt, ShowsTabsAsSpaces) {
  EXPECT_EQ(excerpt("\tx\t= y", 1, 2), "     x = y\n"
                                       "     ^\n");
}

TEST(SourceExcerpt, LeavesTheCarriageReturnOfACrlfLineOut) {
  EXPECT_EQ(excerpt("x = 1\r\ny = z\r\n", 11, 12), "    y = z\n"
                                                   "        ^\n");
}

TEST(SourceExcerpt, PointsPastTheEndOfALineAtItsEnd) {
  EXPECT_EQ(excerpt("{ a = 1", 7, 7), "    { a = 1\n"
                                      "           ^\n");
}

} // namespace
} // namespace polar::dhall
