#include "release/detail/gzip.h"

#include <gtest/gtest.h>

#include <string>

namespace polar::release {
namespace {

TEST(Gzip, HeaderHasNoTimeNoNameAndUnknownSystem) {
  std::string compressed = gzip_compress("hello, chart\n");
  ASSERT_GE(compressed.size(), 18U);
  EXPECT_EQ(compressed.substr(0, 10), std::string("\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff", 10));
}

TEST(Gzip, RoundTripsAndIsByteStable) {
  std::string data;
  for (int i = 0; i < 5000; ++i) {
    data += "line " + std::to_string(i % 97) + "\n";
  }
  std::string first = gzip_compress(data);
  EXPECT_EQ(first, gzip_compress(data));
  EXPECT_EQ(gzip_decompress(first), data);
  EXPECT_LT(first.size(), data.size() / 4);
}

TEST(Gzip, TrailerHoldsCrcAndSize) {
  std::string compressed = gzip_compress("abc");
  std::string trailer = compressed.substr(compressed.size() - 8);
  // CRC-32 of "abc" is 0x352441c2, little-endian; then the size 3.
  EXPECT_EQ(trailer, std::string("\xc2\x41\x24\x35\x03\x00\x00\x00", 8));
}

TEST(Gzip, EmptyInput) {
  EXPECT_EQ(gzip_decompress(gzip_compress("")), "");
}

TEST(Gzip, DecompressRejectsWhatIsNotGzip) {
  EXPECT_THROW(gzip_decompress("not gzip at all"), std::runtime_error);
  std::string truncated = gzip_compress(std::string(1000, 'a'));
  truncated.resize(truncated.size() - 6);
  EXPECT_THROW(gzip_decompress(truncated), std::runtime_error);
}

} // namespace
} // namespace polar::release
