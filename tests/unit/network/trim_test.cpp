// The one whitespace trim of line-based formats (support/trim.h), and the
// places that use it: HTTP header lines and --mirror rules.
#include <gtest/gtest.h>

#include "network/detail/mirror_rule.h"
#include "support/trim.h"

namespace polar {
namespace {

TEST(TrimTest, RemovesOptionalWhitespaceAndLineBreaksAtBothEnds) {
  EXPECT_EQ(trim(" \tvalue\t "), "value");
  EXPECT_EQ(trim("value\r\n"), "value");
  EXPECT_EQ(trim("\r\n value"), "value");
}

TEST(TrimTest, KeepsWhitespaceInside) {
  EXPECT_EQ(trim("  Bearer  a b\t"), "Bearer  a b");
}

TEST(TrimTest, LeavesNothingOfBlankText) {
  EXPECT_EQ(trim(""), "");
  EXPECT_EQ(trim(" \t\r\n"), "");
}

TEST(TrimTest, KeepsOtherCharacters) {
  EXPECT_EQ(trim("\v x \f"), "\v x \f"); // not HTTP whitespace
}

TEST(TrimTest, MirrorRulesAcceptTabsAndACarriageReturn) {
  auto rule = network::parse_mirror_rule("\thttps://a.org/pkg\t=\thttps://m.org/p/\r", "/");
  EXPECT_EQ(rule.prefix, "https://a.org/pkg");
  ASSERT_TRUE(std::holds_alternative<network::UrlTarget>(rule.target));
  EXPECT_EQ(std::get<network::UrlTarget>(rule.target).prefix, "https://m.org/p");
}

} // namespace
} // namespace polar
