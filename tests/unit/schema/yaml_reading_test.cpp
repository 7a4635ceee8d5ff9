#include "schema/yaml_reading.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "render/render.h"
#include "semantics/eval.h"
#include "semantics/typecheck.h"
#include "syntax/parser.h"
#include "syntax/printer.h"

namespace polar::schema {
namespace {

dhall::ValuePtr type_of(const std::string& source) {
  return dhall::eval(dhall::Env{}, dhall::parse_text(source));
}

YamlStream stream(const std::string& text) {
  return YamlStream(std::make_shared<const dhall::SourceFile>(dhall::SourceFile{"in.yaml", text}));
}

// The message of check()'s error with its position, or "ok".
std::string check(const std::string& yaml, const std::string& type) {
  try {
    stream(yaml).check(0, type_of(type));
  } catch (const dhall::Error& error) {
    dhall::LineColumn at = dhall::line_column(*error.span().file, error.span().begin);
    return std::to_string(at.line) + ":" + std::to_string(at.column) + " " + error.message();
  }
  return "ok";
}

const std::string app = "{ name : Text, replicas : Natural, tag : Optional Text, "
                        "labels : List { mapKey : Text, mapValue : Text }, "
                        "port : < Int : Natural | String : Text >, mode : < Fast | Slow > }";

TEST(YamlReading, AcceptsWhatTheTypeDescribes) {
  EXPECT_EQ(check("name: web\nreplicas: 2\nlabels: {a: b}\nport: http\nmode: Slow\n", app), "ok");
  EXPECT_EQ(check("name: web\nreplicas: 2\ntag: null\nlabels: {}\nport: 80\nmode: Fast\n", app),
            "ok");
}

TEST(YamlReading, ErrorsNameThePathAndTheLine) {
  EXPECT_EQ(check("name: web\nreplicas: two\nlabels: {}\nport: 1\nmode: Fast\n", app),
            "2:11 replicas: expected a non-negative integer (Natural), found a string");
  EXPECT_EQ(check("name: web\nreplicas: -1\nlabels: {}\nport: 1\nmode: Fast\n", app),
            "2:11 replicas: expected a non-negative integer (Natural), found a negative one");
  EXPECT_EQ(check("name: 1.5\nreplicas: 1\nlabels: {}\nport: 1\nmode: Fast\n", app),
            "1:7 name: expected a string (Text), found a number");
  EXPECT_EQ(check("name: web\nreplicas: 1\nlabels: {a: [1]}\nport: 1\nmode: Fast\n", app),
            "3:13 labels.a: expected a string (Text), found a sequence");
  EXPECT_EQ(check("replicas: 1\nlabels: {}\nport: 1\nmode: Fast\n", app),
            "1:1 (top level): missing field `name`");
  EXPECT_EQ(check("name: a\nreplicas: 1\nlabels: {}\nport: 1\nmode: Fast\nextra: 1\n", app),
            "6:1 (top level): unknown field `extra` (the record has labels, mode, name, port, "
            "replicas, tag)");
  EXPECT_EQ(check("name: a\nreplicas: 1\nlabels: {}\nport: [1]\nmode: Fast\n", app),
            "4:7 port: fits no alternative of the union <Int | String>, found a sequence");
  EXPECT_EQ(check("- 1\n- x\n", "List Natural"),
            "2:3 [1]: expected a non-negative integer (Natural), found a string");
  EXPECT_EQ(check("a: 1\na: 2\n", "{ a : Natural }"), "2:1 (top level): duplicate key `a`");
}

TEST(YamlReading, YamlSyntaxErrorsHaveAPosition) {
  try {
    stream("a: [1, 2\n");
    FAIL() << "no error";
  } catch (const dhall::Error& error) {
    EXPECT_EQ(error.kind(), dhall::ErrorKind::parse);
    EXPECT_TRUE(error.span().known());
  }
}

TEST(YamlReading, DocumentsOfAStream) {
  YamlStream documents = stream("kind: A\n---\nkind: B\napiVersion: v1\n---\n");
  ASSERT_EQ(documents.size(), 3U);
  EXPECT_EQ(documents.top_level_string(1, "apiVersion"), "v1");
  EXPECT_EQ(documents.top_level_string(0, "apiVersion"), std::nullopt);
  EXPECT_TRUE(documents.is_empty(2));
}

// Names nothing: plain records and structural types.
class NoNames : public TypeNames {
public:
  std::optional<Schema> schema_of(const dhall::ValuePtr&) const override { return std::nullopt; }
  dhall::ExprPtr name_of(const dhall::ValuePtr&) const override { return nullptr; }
};

// Renders the Dhall that to_dhall builds, after type-checking it against `type`.
std::string round_trip(const std::string& yaml, const std::string& type) {
  dhall::ExprPtr expr = stream(yaml).to_dhall(0, type_of(type), NoNames());
  dhall::ExprPtr annotated = dhall::make_expr(dhall::Annot{expr, dhall::parse_text(type)});
  dhall::infer_type(annotated);
  render::RenderOptions options;
  return render::render(dhall::eval(dhall::Env{}, annotated), options);
}

TEST(YamlReading, ToDhallReproducesTheData) {
  std::string yaml = "labels:\n  app.kubernetes.io/name: web\nmode: Fast\nname: web\nport: 80\n"
                     "replicas: 2\n";
  EXPECT_EQ(round_trip(yaml, app), yaml);
  EXPECT_EQ(round_trip("labels: {}\nmode: Slow\nname: x\nport: http\nreplicas: 0\ntag: v1\n", app),
            "labels: {}\nmode: Slow\nname: x\nport: http\nreplicas: 0\ntag: v1\n");
  EXPECT_EQ(round_trip("- 1.5\n- 2\n", "List Double"), "- 1.5\n- 2\n");
  EXPECT_EQ(round_trip("[]", "List Bool"), "[]\n");
}

TEST(YamlReading, ToDhallIsReadable) {
  dhall::ExprPtr expr =
      stream("name: web\nlabels: {app: web}\n")
          .to_dhall(0, type_of("{ name : Text, labels : List { mapKey : Text, mapValue : Text } }"),
                    NoNames());
  EXPECT_EQ(dhall::print(*expr), "{ labels = toMap { app = \"web\" }, name = \"web\" }");
}

} // namespace
} // namespace polar::schema
