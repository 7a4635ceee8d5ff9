#include "render/yaml_scalar.h"

#include <gtest/gtest.h>

namespace polar::render {
namespace {

std::string value(std::string_view text, std::size_t indentation = 2) {
  std::string out;
  append_yaml_string(out, text, ScalarPlacement{.block_indentation = indentation});
  return out;
}

std::string key(std::string_view text) {
  std::string out;
  append_yaml_string(out, text, ScalarPlacement{.is_key = true});
  return out;
}

std::string quoted(std::string_view text) {
  std::string out;
  append_yaml_string(out, text, ScalarPlacement{.always_quote = true});
  return out;
}

TEST(YamlScalar, PlainWhenNothingElseCanBeRead) {
  for (const char* text : {"nginx", "apps/v1", "gcr.io/heptio-images/authenticator:v0.1.0",
                           "nginx:1.15.3", "/etc/aws-iam-authenticator/", "RollingUpdate",
                           "hello world", "a=b", "node-role.kubernetes.io/master"}) {
    EXPECT_EQ(value(text), text);
    EXPECT_EQ(key(text), text);
  }
}

TEST(YamlScalar, SingleQuotesNumbersDatesAndBooleansAsDhallToYamlDoes) {
  EXPECT_EQ(value(""), "''");
  EXPECT_EQ(value("false"), "'false'");
  EXPECT_EQ(value("TRUE"), "'TRUE'");
  EXPECT_EQ(value("12345"), "'12345'");
  EXPECT_EQ(value("3.14"), "'3.14'");
  EXPECT_EQ(value("1e3"), "'1e3'");
  EXPECT_EQ(value("2001-12-14"), "'2001-12-14'");
  EXPECT_EQ(value("012"), "'012'");
}

TEST(YamlScalar, QuotesYaml11BooleansAndNullsThatDhallToYamlLeftPlain) {
  for (const char* text : {"yes", "No", "ON", "off", "y", "N", "null", "Null", "NULL"}) {
    EXPECT_EQ(value(text), "'" + std::string(text) + "'");
    EXPECT_EQ(key(text), "'" + std::string(text) + "'");
  }
}

TEST(YamlScalar, DoubleQuotesEverythingElseThatIsNotPlainSafe) {
  EXPECT_EQ(value("500m"), "\"500m\"");
  EXPECT_EQ(value("--config=/etc/x.yaml"), "\"--config=/etc/x.yaml\"");
  EXPECT_EQ(value("~"), "\"~\"");
  EXPECT_EQ(value("0x1F"), "\"0x1F\"");
  EXPECT_EQ(value("1_000"), "\"1_000\"");
  EXPECT_EQ(value("190:20:30"), "\"190:20:30\"");
  EXPECT_EQ(value(".inf"), "\".inf\"");
  EXPECT_EQ(value("+1"), "\"+1\"");
  EXPECT_EQ(value("a: b"), "\"a: b\"");
  EXPECT_EQ(value("ends with colon:"), "\"ends with colon:\"");
  EXPECT_EQ(value("trailing "), "\"trailing \"");
  EXPECT_EQ(value("has # hash"), "\"has # hash\"");
  EXPECT_EQ(value("{{ .Release.Name }}"), "\"{{ .Release.Name }}\"");
  EXPECT_EQ(value("é"), "\"é\"");
  EXPECT_EQ(key("quoted ! key"), "\"quoted ! key\"");
  EXPECT_EQ(key("two\nlines\n"), "\"two\\nlines\\n\"");
}

TEST(YamlScalar, EscapesWhatYamlCannotCarryVerbatim) {
  EXPECT_EQ(value("a\tb\x01\x7f"), "\"a\\tb\\u0001\\u007f\"");
  EXPECT_EQ(value("\xc2\x85 \xe2\x80\xa8 \xef\xbb\xbf"), "\"\\u0085 \\u2028 \\ufeff\"");
  EXPECT_EQ(value("quote \" backslash \\"), "\"quote \\\" backslash \\\\\"");
}

TEST(YamlScalar, MultiLineValuesAreLiteralBlocksWithTheRightChomping) {
  EXPECT_EQ(value("#!/bin/bash\necho hello world\n", 4),
            "|\n    #!/bin/bash\n    echo hello world");
  EXPECT_EQ(value("no final\nbreak"), "|-\n  no final\n  break");
  EXPECT_EQ(value("kept\n\n\n"), "|+\n  kept\n  \n  ");
  EXPECT_EQ(value("blank\n\nline\n"), "|\n  blank\n  \n  line");
  EXPECT_EQ(value("  indented\nfirst line\n"), "|2\n    indented\n  first line");
  EXPECT_EQ(value("\n  indented after a blank line\n"), "|2\n  \n    indented after a blank line");
}

TEST(YamlScalar, MultiLineTextThatALiteralBlockCannotCarryIsDoubleQuoted) {
  EXPECT_EQ(value("\n\n"), "\"\\n\\n\"");
  EXPECT_EQ(value("windows\r\nline\r\n"), "\"windows\\r\\nline\\r\\n\"");
  EXPECT_EQ(value("bell\x07\n"), "\"bell\\u0007\\n\"");
  std::string out;
  append_yaml_string(out, "  indented\n", ScalarPlacement{.document_level = true});
  EXPECT_EQ(out, "\"  indented\\n\"");
}

TEST(YamlScalar, QuotedModeQuotesEverything) {
  EXPECT_EQ(quoted("nginx"), "'nginx'");
  EXPECT_EQ(quoted("500m"), "\"500m\"");
  EXPECT_EQ(quoted("12"), "'12'");
  EXPECT_EQ(quoted("two\nlines\n"), "|\n  two\n  lines");
}

} // namespace
} // namespace polar::render
