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

} // namespace
} // namespace polar::dhall
