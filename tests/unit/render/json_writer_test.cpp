#include "render/json_writer.h"

#include <gtest/gtest.h>

namespace polar::render {
namespace {

Json natural(std::uint64_t value) {
  return Json::number(JsonNumber::from_natural(value));
}

// Expected texts are what dhall-to-json 1.7.6 prints.
TEST(JsonWriter, PrettyAsDhallToJson) {
  Json value = Json::object({
      {"b", Json::array({Json::object({{"x", Json::array({Json::object({})})}}),
                         Json::object({{"x", Json::array({})}})})},
      {"a", Json::object({})},
      {"c", Json::array({})},
      {"d", Json::string("\b\f\"\\/\r\t\n\x7f é")},
  });
  EXPECT_EQ(write_json(value), R"({
  "a": {},
  "b": [
    {
      "x": [
        {}
      ]
    },
    {
      "x": []
    }
  ],
  "c": [],
  "d": "\u0008\u000c\"\\/\r\t\n)"
                               "\x7f"
                               R"( é"
}
)");
}

TEST(JsonWriter, CompactSortsKeys) {
  Json value = Json::object({{"b", natural(1)}, {"a", Json::array({natural(2), Json::null()})}});
  EXPECT_EQ(write_json(value, JsonLayout::compact), "{\"a\":[2,null],\"b\":1}\n");
  EXPECT_EQ(write_json(Json::string("x"), JsonLayout::compact), "\"x\"\n");
}

} // namespace
} // namespace polar::render
