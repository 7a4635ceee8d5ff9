#include "render/omission.h"

#include <gtest/gtest.h>

#include "render/json_writer.h"

namespace polar::render {
namespace {

Json natural(std::uint64_t value) {
  return Json::number(JsonNumber::from_natural(value));
}

std::string omitted(const Json& value, Omission omission) {
  return write_json(apply_omission(value, omission), JsonLayout::compact);
}

// Expected texts are what dhall-to-json 1.7.6 prints.
TEST(Omission, NullFieldsByDefault) {
  Json value =
      Json::object({{"a", natural(1)},
                    {"b", Json::null()},
                    {"c", Json::array({Json::null(), Json::object({{"d", Json::null()}})})},
                    {"e", Json::object({})}});
  EXPECT_EQ(omitted(value, Omission::null_fields), "{\"a\":1,\"c\":[null,{}],\"e\":{}}\n");
  EXPECT_EQ(omitted(value, Omission::none),
            "{\"a\":1,\"b\":null,\"c\":[null,{\"d\":null}],\"e\":{}}\n");
}

TEST(Omission, EmptyDropsEmptyCollectionsAndNullItems) {
  Json value = Json::object(
      {{"a", Json::array({Json::null()})}, {"b", Json::object({{"c", Json::object({})}})}});
  EXPECT_EQ(omitted(value, Omission::empty), "null\n");
  EXPECT_EQ(omitted(Json::array({Json::null(), natural(1)}), Omission::empty), "[1]\n");
  EXPECT_EQ(omitted(Json::object({}), Omission::empty), "null\n");
}

} // namespace
} // namespace polar::render
