// The generic CBOR layer: shortest encodings, float canonicalization and the
// strictness of the reader.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "binary/cbor.h"
#include "syntax/source.h"

namespace polar::dhall::cbor {
namespace {

using Bytes = std::vector<std::uint8_t>;

template <typename Write>
Bytes written(Write write) {
  Writer writer;
  write(writer);
  return std::move(writer).take();
}

Bytes floating(double value) {
  return written([&](Writer& w) { w.floating(value); });
}

TEST(Half, ExactConversions) {
  EXPECT_EQ(exact_half(1.0), 0x3c00);
  EXPECT_EQ(exact_half(5.5), 0x4580);
  EXPECT_EQ(exact_half(-2.0), 0xc000);
  EXPECT_EQ(exact_half(65504.0), 0x7bff);            // largest half
  EXPECT_EQ(exact_half(std::ldexp(1, -14)), 0x0400); // smallest normal
  EXPECT_EQ(exact_half(std::ldexp(1, -24)), 0x0001); // smallest subnormal
  EXPECT_EQ(exact_half(std::ldexp(3, -24)), 0x0003);
  EXPECT_EQ(exact_half(1.0 + std::ldexp(1, -10)), 0x3c01);
  EXPECT_EQ(exact_half(0.0), 0x0000);
  EXPECT_EQ(exact_half(-0.0), 0x8000);
  EXPECT_EQ(exact_half(INFINITY), 0x7c00);
  EXPECT_EQ(exact_half(-INFINITY), 0xfc00);
}

TEST(Half, InexactConversions) {
  EXPECT_FALSE(exact_half(65520.0));                  // overflows
  EXPECT_FALSE(exact_half(1.0 + std::ldexp(1, -11))); // 11 mantissa bits
  EXPECT_FALSE(exact_half(std::ldexp(1, -25)));       // underflows
  EXPECT_FALSE(exact_half(std::ldexp(3, -25)));       // between subnormals
  EXPECT_FALSE(exact_half(std::numeric_limits<double>::denorm_min()));
  EXPECT_FALSE(exact_half(NAN));
  EXPECT_FALSE(exact_half(0.1));
}

TEST(Half, EveryNonNanPatternRoundTrips) {
  for (std::uint32_t bits = 0; bits <= 0xffff; ++bits) {
    double value = half_to_double(static_cast<std::uint16_t>(bits));
    if (std::isnan(value)) {
      EXPECT_EQ(bits & 0x7c00, 0x7c00U);
      continue;
    }
    EXPECT_EQ(exact_half(value), bits) << bits;
  }
}

TEST(Writer, FloatsUseTheShortestExactWidth) {
  EXPECT_EQ(floating(5.5), (Bytes{0xf9, 0x45, 0x80}));
  EXPECT_EQ(floating(5555.5), (Bytes{0xfa, 0x45, 0xad, 0x9c, 0x00}));
  EXPECT_EQ(floating(55555555555.5), (Bytes{0xfb, 0x42, 0x29, 0xde, 0xbd, 0x01, 0xc7, 0x00, 0x00}));
  EXPECT_EQ(floating(0.1), (Bytes{0xfb, 0x3f, 0xb9, 0x99, 0x99, 0x99, 0x99, 0x99, 0x9a}));
  EXPECT_EQ(floating(std::numeric_limits<float>::max()), (Bytes{0xfa, 0x7f, 0x7f, 0xff, 0xff}));
  EXPECT_EQ(floating(std::numeric_limits<double>::denorm_min()).front(), 0xfb);
}

TEST(Writer, SpecialFloatsAreHalves) {
  EXPECT_EQ(floating(0.0), (Bytes{0xf9, 0x00, 0x00}));
  EXPECT_EQ(floating(-0.0), (Bytes{0xf9, 0x80, 0x00}));
  EXPECT_EQ(floating(INFINITY), (Bytes{0xf9, 0x7c, 0x00}));
  EXPECT_EQ(floating(-INFINITY), (Bytes{0xf9, 0xfc, 0x00}));
  EXPECT_EQ(floating(NAN), (Bytes{0xf9, 0x7e, 0x00}));
  EXPECT_EQ(floating(-NAN), (Bytes{0xf9, 0x7e, 0x00}));
  EXPECT_EQ(floating(std::numeric_limits<double>::signaling_NaN()), (Bytes{0xf9, 0x7e, 0x00}));
}

TEST(Writer, HeadsAreShortest) {
  auto uint = [](std::uint64_t value) {
    return written([&](Writer& w) { w.unsigned_integer(value); });
  };
  EXPECT_EQ(uint(23), (Bytes{0x17}));
  EXPECT_EQ(uint(24), (Bytes{0x18, 0x18}));
  EXPECT_EQ(uint(255), (Bytes{0x18, 0xff}));
  EXPECT_EQ(uint(256), (Bytes{0x19, 0x01, 0x00}));
  EXPECT_EQ(uint(65536), (Bytes{0x1a, 0x00, 0x01, 0x00, 0x00}));
  EXPECT_EQ(uint(std::uint64_t{1} << 32),
            (Bytes{0x1b, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00}));
  EXPECT_EQ(uint(~std::uint64_t{0}), (Bytes{0x1b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}));
}

TEST(Writer, BignumsOnlyBeyondSixtyFourBits) {
  Natural two_to_64 = Natural(~std::uint64_t{0}) + Natural(1);
  auto natural = [](const Natural& n) { return written([&](Writer& w) { w.natural(n); }); };
  auto integer = [](const Integer& i) { return written([&](Writer& w) { w.integer(i); }); };
  EXPECT_EQ(natural(two_to_64), (Bytes{0xc2, 0x49, 1, 0, 0, 0, 0, 0, 0, 0, 0}));
  EXPECT_EQ(integer(Integer(-1)), (Bytes{0x20}));
  EXPECT_EQ(integer(Integer(0)), (Bytes{0x00}));
  // -2^64 is the most negative plain CBOR integer.
  EXPECT_EQ(integer(Integer(true, two_to_64)),
            (Bytes{0x3b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}));
  EXPECT_EQ(integer(Integer(true, two_to_64 + Natural(1))),
            (Bytes{0xc3, 0x49, 1, 0, 0, 0, 0, 0, 0, 0, 0}));
}

TEST(Reader, IntegersInEveryForm) {
  Bytes input{0x3b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, // -2^64
              0xc3, 0x42, 0x00, 0x01,                               // -2, padded bignum
              0xc2, 0x40,                                           // 0 as an empty bignum
              0x1b, 0,    0,    0,    0,    0,    0,    0,    7};   // oversized 7
  Reader reader(input);
  Integer minimum = reader.integer("test");
  EXPECT_TRUE(minimum.negative());
  EXPECT_EQ(minimum.magnitude(), Natural(~std::uint64_t{0}) + Natural(1));
  EXPECT_EQ(reader.integer("test"), Integer(-2));
  EXPECT_EQ(reader.natural("test"), Natural(0));
  EXPECT_EQ(reader.natural("test"), Natural(7));
  EXPECT_TRUE(reader.at_end());
}

TEST(Reader, SkipsSelfDescribeTags) {
  Bytes input{0xd9, 0xd9, 0xf7, 0xd9, 0xd9, 0xf7, 0x05};
  Reader reader(input);
  EXPECT_EQ(reader.natural("test"), Natural(5));
}

void expect_rejected(const Bytes& input, void (*read)(Reader&)) {
  Reader reader(input);
  try {
    read(reader);
    ADD_FAILURE() << "accepted";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::decode);
  }
}

TEST(Reader, RejectsMalformedHeads) {
  auto array = [](Reader& r) { r.array("test"); };
  auto text = [](Reader& r) { r.text("test"); };
  auto simple = [](Reader& r) { r.skip_simple(); };
  expect_rejected({0x9f, 0xff}, array);      // indefinite length
  expect_rejected({0x7f, 0xff}, text);       // indefinite text
  expect_rejected({0x9c}, array);            // reserved additional information
  expect_rejected({0x99, 0x01}, array);      // truncated argument
  expect_rejected({}, array);                // nothing at all
  expect_rejected({0xf8, 0x14}, simple);     // `false` in the two-byte form
  expect_rejected({0x63, 0x61, 0x62}, text); // string shorter than announced
  expect_rejected({0x82, 0x00, 0x00}, text); // wrong major type
}

TEST(Reader, LengthsBeyondTheInputFailBeforeAllocating) {
  auto array = [](Reader& r) { r.array("test"); };
  auto map = [](Reader& r) { r.map("test"); };
  auto bytes = [](Reader& r) { r.bytes("test"); };
  expect_rejected({0x9b, 0x10, 0, 0, 0, 0, 0, 0, 0}, array); // 2^60 items
  expect_rejected({0x9b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}, array);
  expect_rejected({0xbb, 0x10, 0, 0, 0, 0, 0, 0, 0}, map);
  expect_rejected({0xa2, 0x00, 0x00, 0x00}, map); // two entries need four items
  expect_rejected({0x5b, 0x10, 0, 0, 0, 0, 0, 0, 0}, bytes);
}

TEST(Reader, TextMustBeUtf8) {
  auto text = [](Reader& r) { r.text("test"); };
  expect_rejected({0x62, 0xc0, 0x80}, text);             // overlong NUL
  expect_rejected({0x63, 0xed, 0xa0, 0x80}, text);       // surrogate U+D800
  expect_rejected({0x64, 0xf4, 0x90, 0x80, 0x80}, text); // beyond U+10FFFF
  expect_rejected({0x61, 0x80}, text);                   // stray continuation byte
  expect_rejected({0x62, 0xe2, 0x88}, text);             // truncated sequence
  Bytes valid{0x67, 0xce, 0xbb, 0xe2, 0x86, 0x92, 0x21, 0x21};
  Reader reader(valid);
  EXPECT_EQ(reader.text("test"), "λ→!!");
}

} // namespace
} // namespace polar::dhall::cbor
