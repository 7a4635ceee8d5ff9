#include "schema/detail/core_scalar.h"

#include <gtest/gtest.h>

#include <cmath>

namespace polar::schema {
namespace {

ScalarKind plain(std::string_view text) {
  return resolve_scalar("?", text)->kind;
}

TEST(CoreScalar, PlainScalarsByTheCoreSchema) {
  for (auto text : {"", "~", "null", "Null", "NULL"}) {
    EXPECT_EQ(plain(text), ScalarKind::null) << text;
  }
  for (auto text : {"true", "True", "TRUE", "false", "FALSE"}) {
    EXPECT_EQ(plain(text), ScalarKind::boolean) << text;
  }
  for (auto text : {"0", "12", "-3", "+4", "0x1F", "0o17", "123456789012345678901234567890"}) {
    EXPECT_EQ(plain(text), ScalarKind::integer) << text;
  }
  for (auto text : {"1.5", "-2.", ".5", "1e3", "1E-3", ".inf", "-.Inf", ".nan"}) {
    EXPECT_EQ(plain(text), ScalarKind::floating) << text;
  }
  // YAML 1.1's booleans, dates, sexagesimals and underscores are strings in 1.2.
  for (auto text :
       {"yes", "on", "y", "2001-12-14", "190:20:30", "1_000", "0b101", "web", "1.2.3"}) {
    EXPECT_EQ(plain(text), ScalarKind::string) << text;
  }
}

TEST(CoreScalar, Values) {
  EXPECT_TRUE(resolve_scalar("?", "True")->boolean);
  EXPECT_EQ(resolve_scalar("?", "0x1F")->integer, dhall::Integer(31));
  EXPECT_EQ(resolve_scalar("?", "0o17")->integer, dhall::Integer(15));
  EXPECT_EQ(resolve_scalar("?", "-3")->integer, dhall::Integer(-3));
  EXPECT_EQ(resolve_scalar("?", "-0")->integer, dhall::Integer(0));
  EXPECT_DOUBLE_EQ(resolve_scalar("?", "1e3")->floating, 1000);
  EXPECT_TRUE(std::isinf(resolve_scalar("?", "-.inf")->floating));
}

TEST(CoreScalar, QuotedAndTagged) {
  EXPECT_EQ(resolve_scalar("!", "3")->kind, ScalarKind::string);
  EXPECT_EQ(resolve_scalar("tag:yaml.org,2002:str", "true")->kind, ScalarKind::string);
  EXPECT_EQ(resolve_scalar("tag:yaml.org,2002:int", "3")->kind, ScalarKind::integer);
  EXPECT_EQ(resolve_scalar("tag:yaml.org,2002:float", "3")->kind, ScalarKind::floating);
  EXPECT_FALSE(resolve_scalar("tag:yaml.org,2002:int", "abc"));
  EXPECT_FALSE(resolve_scalar("!custom", "abc"));
}

} // namespace
} // namespace polar::schema
