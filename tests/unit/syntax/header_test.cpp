#include "syntax/header.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace polar::dhall {
namespace {

std::string header(std::string text) {
  return std::string(header_of(std::make_shared<SourceFile>(SourceFile{"test", std::move(text)})));
}

TEST(Header, IsTheCommentsBeforeTheExpressionWithoutSurroundingWhitespace) {
  EXPECT_EQ(header("\n  -- a\n--\n{- b {- nested -}\n -}\r\n\n{ x = 1 } -- after\n"),
            "-- a\n--\n{- b {- nested -}\n -}");
  EXPECT_EQ(header("-- a\n{- b -} 1"), "-- a\n{- b -}");
  EXPECT_EQ(header("1 -- not a header"), "");
  EXPECT_EQ(header("  \n1"), "");
  EXPECT_EQ(header("-- only a comment"), "-- only a comment");
}

} // namespace
} // namespace polar::dhall
