#include <gtest/gtest.h>

#include "secrets/detail/scalar.h"
#include "secrets/error.h"
#include "secrets/yaml_reader.h"
#include "secrets/yaml_writer.h"

namespace polar::secrets {
namespace {

Scalar resolve(std::string_view text) {
  return resolve_plain_scalar(text);
}

TEST(Scalar, ResolvesPlainScalarsAsGoYamlV3) {
  EXPECT_EQ(resolve("~").type, ScalarType::null);
  EXPECT_EQ(resolve("True"), (Scalar{ScalarType::boolean, "True"}));
  EXPECT_EQ(resolve("false"), (Scalar{ScalarType::boolean, "False"}));
  EXPECT_EQ(resolve("yes"), (Scalar{ScalarType::string, "yes"})); // YAML 1.1 only
  EXPECT_EQ(resolve("42"), (Scalar{ScalarType::integer, "42"}));
  EXPECT_EQ(resolve("-0x1F"), (Scalar{ScalarType::integer, "-31"}));
  EXPECT_EQ(resolve("0o17"), (Scalar{ScalarType::integer, "15"}));
  EXPECT_EQ(resolve("017"), (Scalar{ScalarType::integer, "15"}));
  EXPECT_EQ(resolve("1_000"), (Scalar{ScalarType::integer, "1000"}));
  EXPECT_EQ(resolve("1.50"), (Scalar{ScalarType::floating, "1.5"}));
  EXPECT_EQ(resolve("1.0e-2"), (Scalar{ScalarType::floating, "0.01"}));
  EXPECT_EQ(resolve("1e3"), (Scalar{ScalarType::floating, "1000"}));
  EXPECT_EQ(resolve("-.inf"), (Scalar{ScalarType::floating, "-Inf"}));
  EXPECT_EQ(resolve("2001-12-14"), (Scalar{ScalarType::string, "2001-12-14"}));
  EXPECT_EQ(resolve("1.2.3"), (Scalar{ScalarType::string, "1.2.3"}));
  EXPECT_THROW(resolve("99999999999999999999"), Error);
}

TEST(Scalar, DecryptsTypedTextAsSopsDoes) {
  EXPECT_EQ(scalar_of_type("bool", "True"), (Scalar{ScalarType::boolean, "True"}));
  EXPECT_EQ(scalar_of_type("int", "-31"), (Scalar{ScalarType::integer, "-31"}));
  EXPECT_EQ(scalar_of_type("float", "0.01"), (Scalar{ScalarType::floating, "0.01"}));
  EXPECT_THROW(scalar_of_type("int", "x"), Error);
  EXPECT_THROW(scalar_of_type("bytes", "x"), Error);
}

TEST(YamlReader, ReadsQuotedScalarsAsStrings) {
  Node node = read_yaml_document("a: '12'\nb: 12\nc: \"true\"\nd: |\n  x\n", "t.yaml");
  const auto& mapping = std::get<Mapping>(node.value);
  ASSERT_EQ(mapping.size(), 4u);
  EXPECT_EQ(mapping[0].value, Node::string("12"));
  EXPECT_EQ(std::get<Scalar>(mapping[1].value.value).type, ScalarType::integer);
  EXPECT_EQ(mapping[2].value, Node::string("true"));
  EXPECT_EQ(mapping[3].value, Node::string("x\n"));
}

TEST(YamlReader, ErrorsGiveThePositionButNeverTheText) {
  const std::string secret = "hunter2-very-secret";
  for (const std::string& text :
       {"password: \"" + secret + "\\q\"\n", "a: b\npassword: [" + secret + "\n",
        "- " + secret + "\n", "a: 1\n---\nb: " + secret + "\n", "a: 1\na: " + secret + "\n"}) {
    try {
      read_yaml_document(text, "plain.yaml");
      ADD_FAILURE() << "accepted: " << text;
    } catch (const Error& error) {
      std::string message = error.what();
      EXPECT_EQ(message.find("hunter2"), std::string::npos) << message;
      EXPECT_NE(message.find("plain.yaml"), std::string::npos) << message;
    }
  }
}

TEST(YamlWriter, WritesWhatReadsBackTheSame) {
  std::string text =
      "kind: Secret\nstringData:\n  a: 'yes'\n  b: '12'\n  c: |\n    two\n    "
      "lines\nlist:\n  - x: 1\n    y:\n      - 1.5\n      - 2.0\n  - []\nempty: {}\n";
  Node node = read_yaml_document(text, "t.yaml");
  std::string written = write_yaml_document(node, {});
  EXPECT_EQ(read_yaml_document(written, "written.yaml"), node);
  EXPECT_EQ(read_yaml_document(write_yaml_document(node, {.indent = 4}), "w4.yaml"), node);
}

} // namespace
} // namespace polar::secrets
