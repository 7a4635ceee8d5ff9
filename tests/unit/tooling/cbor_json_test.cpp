// `encode --json` / `decode --json`: CBOR as cborg-json writes it (aeson-
// pretty's layout) and reads it back.
#include "tooling/cbor_json.h"

#include <gtest/gtest.h>

#include <string>

#include "binary/decode.h"
#include "binary/encode.h"
#include "syntax/parser.h"
#include "syntax/printer.h"
#include "syntax/source.h"

namespace polar::dhall {
namespace {

std::string as_json(std::string_view dhall) {
  return cbor_as_json(encode(*parse_text(dhall)));
}

std::string from_json(std::string_view json) {
  return print(*decode(json_as_cbor(json)));
}

TEST(CborJson, WritesTheEncodingWithFourSpacesPerLevel) {
  EXPECT_EQ(as_json("True"), "true\n");
  EXPECT_EQ(as_json("x@2"), "[\n    \"x\",\n    2\n]\n");
  EXPECT_EQ(as_json("{ b = 1, a = [] : List Bool }"),
            "[\n    8,\n    {\n        \"a\": [\n            4,\n            \"Bool\"\n        ],\n"
            "        \"b\": [\n            15,\n            1\n        ]\n    }\n]\n");
  EXPECT_EQ(as_json("{=}"), "[\n    8,\n    {}\n]\n");
}

TEST(CborJson, WritesNumbersAsAesonDoes) {
  EXPECT_EQ(as_json("100000000000000000000"), "[\n    15,\n    100000000000000000000\n]\n");
  EXPECT_EQ(as_json("-7"), "[\n    16,\n    -7\n]\n");
  EXPECT_EQ(as_json("0.01"), "1.0e-2\n");
  EXPECT_EQ(as_json("2.5"), "2.5\n");
}

TEST(CborJson, RefusesWhatJsonCannotHold) {
  EXPECT_THROW(as_json("0x\"00ff\""), Error);                               // a byte string
  EXPECT_THROW(as_json("NaN"), Error);                                      // not a JSON number
  EXPECT_THROW(as_json("./a.dhall sha256:" + std::string(64, '0')), Error); // a hash: bytes
}

TEST(CborJson, ReadsTheJsonBack) {
  for (std::string_view expression : {"{ a = [ 1, -2 ], b = 1.5, c = \"é\\n\\\"\" }",
                                      "λ(x : Natural) → x + 100000000000000000000",
                                      "Some [ True, False ]", "< A | B : Natural >.B 2", "0.01"}) {
    SCOPED_TRACE(expression);
    EXPECT_EQ(from_json(as_json(expression)), print(*parse_text(expression)));
  }
  // Escapes, a surrogate pair, keys out of order, the last duplicate key.
  EXPECT_EQ(from_json(R"([18, "\u00e9\ud83d\ude00\/"])"), "\"é😀/\"");
  EXPECT_EQ(from_json(R"([8, {"b": true, "a": false, "b": false}])"), "{ a = False, b = False }");
  // An integral number is an integer, as cborg-json reads it: 15 is Natural.
  EXPECT_EQ(from_json("[15, 1.0e2]"), "100");
}

TEST(CborJson, PointsAtWhatIsNotJson) {
  try {
    json_as_cbor("[\n  1,\n  01\n]");
    FAIL() << "no error";
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("(JSON):3:3"), std::string::npos) << error.what();
  }
  EXPECT_THROW(json_as_cbor("[1, 2"), Error);
  EXPECT_THROW(json_as_cbor("\"\\ud800\""), Error);
  EXPECT_THROW(json_as_cbor("[1] 2"), Error);
  EXPECT_THROW(json_as_cbor("\"tab\there\""), Error);
}

} // namespace
} // namespace polar::dhall
