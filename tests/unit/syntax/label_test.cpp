#include "syntax/detail/label.h"
#include "syntax/expr.h"

#include <gtest/gtest.h>

namespace polar::dhall {
namespace {

TEST(Label, EqualTextIsTheSameLabel) {
  EXPECT_EQ(Label("spec"), Label(std::string("spec")));
  EXPECT_NE(Label("spec"), Label("Spec"));
  EXPECT_EQ(Label(), Label(""));
}

TEST(Label, OrdersByCodePoint) {
  EXPECT_LT(Label("B"), Label("a"));
  EXPECT_LT(Label("a"), Label("ab"));
  // 'é' (U+00E9) sorts after every ASCII letter.
  EXPECT_LT(Label("z"), Label("\xC3\xA9"));
}

TEST(Builtin, NamesRoundTrip) {
  for (int i = 0; i <= static_cast<int>(Builtin::time_zone); ++i) {
    auto builtin = static_cast<Builtin>(i);
    EXPECT_EQ(builtin_from_name(builtin_name(builtin)), builtin) << builtin_name(builtin);
  }
  EXPECT_EQ(builtin_from_name("Natural/fold"), Builtin::natural_fold);
  EXPECT_EQ(builtin_from_name("Natural/folds"), std::nullopt);
}

} // namespace
} // namespace polar::dhall
