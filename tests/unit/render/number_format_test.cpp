#include "render/number_format.h"

#include <gtest/gtest.h>

namespace polar::render {
namespace {

JsonNumber natural(std::string_view digits) {
  return JsonNumber::from_natural(dhall::Natural::parse(digits).value());
}

// Expected texts are what dhall-to-json 1.7.6 prints (pretty, then --compact).
TEST(NumberFormat, DoublesAsDhallToJsonPrintsThem) {
  struct Case {
    double value;
    const char* pretty;
    const char* compact;
  };
  const Case cases[] = {
      {1.0, "1", "1"},
      {-0.0, "0", "0"},
      {0.1, "0.1", "0.1"},
      {0.01, "1.0e-2", "1.0e-2"},
      {1e-7, "1.0e-7", "1.0e-7"},
      {123.456, "123.456", "123.456"},
      {100.0, "100", "100"},
      {12345678.5, "1.23456785e7", "1.23456785e7"},
      {2.5e10, "25000000000", "25000000000"},
      {1e19, "10000000000000000000", "10000000000000000000"},
      {1.5e19, "1.5e19", "15000000000000000000"},
      {1e20, "1.0e20", "100000000000000000000"},
      {-1e20, "-1.0e20", "-100000000000000000000"},
      {5e-324, "5.0e-324", "5.0e-324"},
      {9007199254740993.0, "9007199254740992", "9007199254740992"},
      {-2.5, "-2.5", "-2.5"},
  };
  for (const auto& c : cases) {
    auto number = JsonNumber::from_double(c.value);
    EXPECT_EQ(format_number_pretty(number), c.pretty) << c.value;
    EXPECT_EQ(format_number_compact(number), c.compact) << c.value;
  }
  EXPECT_EQ(format_number_compact(JsonNumber::from_double(1e308)), "1" + std::string(308, '0'));
}

TEST(NumberFormat, BigNaturalsAndIntegers) {
  EXPECT_EQ(format_number_pretty(natural("100000000000000000000")), "1.0e20");
  EXPECT_EQ(format_number_compact(natural("100000000000000000000")), "100000000000000000000");
  EXPECT_EQ(format_number_pretty(natural("10000000000000000001")), "1.0000000000000000001e19");
  EXPECT_EQ(format_number_pretty(natural("10000000000000000000")), "10000000000000000000");
  auto negative = JsonNumber::from_integer(
      dhall::Integer(true, dhall::Natural::parse("123456789012345678901234").value()));
  EXPECT_EQ(format_number_pretty(negative), "-1.23456789012345678901234e23");
  EXPECT_EQ(format_number_compact(negative), "-123456789012345678901234");
  EXPECT_EQ(format_number_compact(JsonNumber::from_integer(dhall::Integer(-5))), "-5");
  EXPECT_EQ(format_number_compact(JsonNumber::from_natural(dhall::Natural(0))), "0");
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
