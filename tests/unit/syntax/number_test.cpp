#include "syntax/number.h"

#include <gtest/gtest.h>

namespace polar::dhall {
namespace {

Natural parse(std::string_view digits, unsigned base = 10) {
  auto value = Natural::parse(digits, base);
  EXPECT_TRUE(value.has_value()) << digits;
  return value.value_or(Natural());
}

TEST(Natural, ParsesAndPrintsBeyond64Bits) {
  EXPECT_EQ(parse("36893488147419103232").to_string(), "36893488147419103232");
  EXPECT_EQ(parse("0").to_string(), "0");
  EXPECT_EQ(parse("ff", 16).as_uint64(), 255U);
  EXPECT_EQ(parse("101", 2).as_uint64(), 5U);
  EXPECT_FALSE(Natural::parse("12a").has_value());
  EXPECT_FALSE(Natural::parse("").has_value());
  EXPECT_FALSE(parse("18446744073709551616").fits_uint64());
  EXPECT_TRUE(parse("18446744073709551615").fits_uint64());
}

TEST(Natural, Arithmetic) {
  Natural max64(0xffffffffffffffffULL);
  EXPECT_EQ((max64 + Natural(1)).to_string(), "18446744073709551616");
  EXPECT_EQ((max64 * max64).to_string(), "340282366920938463426481119284349108225");
  EXPECT_EQ(Natural::truncated_subtract(max64 + Natural(1), Natural(1)), max64);
  EXPECT_EQ(Natural::truncated_subtract(Natural(3), Natural(5)), Natural(0));
  EXPECT_TRUE(parse("36893488147419103232").is_even());
  EXPECT_LT(max64, max64 + Natural(1));
}

TEST(Natural, BytesRoundTrip) {
  auto big = parse("36893488147419103232");
  EXPECT_EQ(Natural::from_bytes(big.to_bytes()), big);
  EXPECT_EQ(big.to_bytes().size(), 9U);
  EXPECT_TRUE(Natural(0).to_bytes().empty());
}

TEST(Integer, SignsAndBounds) {
  EXPECT_EQ(Integer(-5).to_string(), "-5");
  EXPECT_EQ(Integer(0).to_string(), "+0");
  EXPECT_EQ(Integer(true, Natural(0)), Integer(0));
  EXPECT_EQ(Integer(INT64_MIN).as_int64(), INT64_MIN);
  EXPECT_EQ(Integer(7).negated().to_string(), "-7");
}

} // namespace
} // namespace polar::dhall
