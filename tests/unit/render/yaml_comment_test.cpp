#include "render/detail/yaml_comment.h"

#include <gtest/gtest.h>

namespace polar::render {
namespace {

// dhall-to-yaml 1.7.11, --preserve-header (dhall-haskell#2410).
TEST(YamlComment, LineCommentsLoseTheirDashesOtherLinesGetAHash) {
  EXPECT_EQ(yaml_comment_from_dhall_header("-- a\n--\n{- b\n  c -}\n\n-- d"),
            "# a\n#\n#{- b\n#  c -}\n#\n# d\n");
  EXPECT_EQ(yaml_comment_from_dhall_header("--no space"), "#no space\n");
  EXPECT_EQ(yaml_comment_from_dhall_header(""), "");
}

TEST(YamlComment, CrlfBecomesLf) {
  EXPECT_EQ(yaml_comment_from_dhall_header("-- a\r\n-- b"), "# a\n# b\n");
}

// A YAML 1.1 reader ends a comment at U+0085, U+2028 and U+2029: the rest of
// the line would be read as content. They are written as escapes instead.
TEST(YamlComment, NothingEndsTheCommentEarly) {
  EXPECT_EQ(yaml_comment_from_dhall_header("-- a\u0085b: 1\u2028c\td\x7f"),
            "# a\\u0085b: 1\\u2028c\td\\u007f\n");
  EXPECT_EQ(yaml_comment_from_dhall_header("-- é 😀"), "# é 😀\n");
}

} // namespace
} // namespace polar::render
