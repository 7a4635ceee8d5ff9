#include "render/number_format.h"

#include <gtest/gtest.h>

namespace polar::render {
namespace {

JsonNumber natural(std::string_view digits) {
  return JsonNumber::from_natural(dhall::Natural::parse(digits).value());
}

// Doubles print as dhall-to-json prints them (1.7.6 --compact; since 1.7.10
// its pretty output too): integral values in full, others in Haskell's
// Scientific notation.
TEST(NumberFormat, DoublesAsDhallToJsonPrintsThem) {
  struct Case {
    double value;
    const char* text;
  };
  const Case cases[] = {
      {1.0, "1"},
      {-0.0, "0"},
      {0.1, "0.1"},
      {0.01, "1.0e-2"},
      {1e-7, "1.0e-7"},
      {123.456, "123.456"},
      {100.0, "100"},
      {12345678.5, "1.23456785e7"},
      {2.5e10, "25000000000"},
      {1e19, "10000000000000000000"},
      {1.5e19, "15000000000000000000"},
      {1e20, "100000000000000000000"},
      {-1e20, "-100000000000000000000"},
      {5e-324, "5.0e-324"},
      {9007199254740993.0, "9007199254740992"},
      {-2.5, "-2.5"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(format_number(JsonNumber::from_double(c.value)), c.text) << c.value;
  }
  EXPECT_EQ(format_number(JsonNumber::from_double(1e308)), "1" + std::string(308, '0'));
}

// dhall-json 1.7.10: "Don't use scientific notation for large integers"
// (dhall-haskell#2352); 1.7.6 printed 1.0e20 in pretty JSON.
TEST(NumberFormat, IntegersOfAnySizeInFull) {
  EXPECT_EQ(format_number(natural("100000000000000000000")), "100000000000000000000");
  EXPECT_EQ(format_number(natural("10000000000000000001")), "10000000000000000001");
  auto negative = JsonNumber::from_integer(
      dhall::Integer(true, dhall::Natural::parse("123456789012345678901234").value()));
  EXPECT_EQ(format_number(negative), "-123456789012345678901234");
  EXPECT_EQ(format_number(JsonNumber::from_integer(dhall::Integer(-5))), "-5");
  EXPECT_EQ(format_number(JsonNumber::from_natural(dhall::Natural(0))), "0");
  // Beyond the 10^1024 up to which aeson writes a Scientific's exponent out:
  // a Natural reaches aeson with exponent 0, so its digits are all written.
  std::string huge = "1" + std::string(1100, '0');
  EXPECT_EQ(format_number(natural(huge)), huge);
}

TEST(JsonNumber, ParsesJsonNumbersToTheSameValue) {
  EXPECT_EQ(JsonNumber::parse("1.0e20"), JsonNumber::from_double(1e20));
  EXPECT_EQ(JsonNumber::parse("100"), JsonNumber::from_natural(dhall::Natural(100)));
  EXPECT_EQ(JsonNumber::parse("-0.0"), JsonNumber::from_natural(dhall::Natural(0)));
  EXPECT_EQ(JsonNumber::parse("1.5E-3"), JsonNumber::from_double(0.0015));
  EXPECT_FALSE(JsonNumber::parse("01").has_value());
  EXPECT_FALSE(JsonNumber::parse("1.").has_value());
  EXPECT_FALSE(JsonNumber::parse("+1").has_value());
  EXPECT_FALSE(JsonNumber::parse("1e").has_value());
  EXPECT_FALSE(JsonNumber::parse("").has_value());
}

} // namespace
} // namespace polar::render
