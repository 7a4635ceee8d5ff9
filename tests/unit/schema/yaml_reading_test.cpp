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

// Date, Time, TimeZone and the combined temporal records, read back from the
// RFC 3339 strings dhall-to-json (1.7.13) writes for them.
const std::string temporal = "{ d : Date, t : Time, z : TimeZone, "
                             "dt : { date : Date, time : Time, timeZone : TimeZone }, "
                             "local : { date : Date, time : Time }, "
                             "tz : { time : Time, timeZone : TimeZone } }";

TEST(YamlReading, TemporalTypesFromRfc3339Strings) {
  EXPECT_EQ(check("d: 2020-01-01\nt: '12:30:00'\nz: '+01:00'\ndt: 2020-01-01T12:30:00+01:00\n"
                  "local: 2020-01-01T12:30:00.250\ntz: 12:30:00-05:30\n",
                  temporal),
            "ok");
  EXPECT_EQ(check("2020-02-29T23:59:59Z", "{ date : Date, time : Time, timeZone : TimeZone }"),
            "ok");
  // The fields spelt out are a record like any other.
  EXPECT_EQ(check("{date: 2020-01-01, time: '00:00:00'}", "{ date : Date, time : Time }"), "ok");
}

TEST(YamlReading, TemporalErrorsSayTheForm) {
  const std::string forms = "expected an RFC 3339 string as dhall-to-json writes it (2020-01-01, "
                            "12:30:00, +01:00, 2020-01-01T12:30:00+01:00, 2020-01-01T12:30:00 or "
                            "12:30:00+01:00)";
  const std::string other = ", found a string of another form";
  EXPECT_EQ(check("d: 2020-13-01", "{ d : Date }"), "1:4 d: " + forms + " of type `Date`" + other);
  EXPECT_EQ(check("t: '12:30'", "{ t : Time }"), "1:4 t: " + forms + " of type `Time`" + other);
  EXPECT_EQ(check("x: 2020-01-01", "{ x : { date : Date, time : Time } }"),
            "1:4 x: " + forms + " of type `{ date : Date, time : Time }`" + other);
  // Nothing but the literals is read as Dhall: an expression is no Date.
  EXPECT_EQ(check("d: '1 + 1'", "{ d : Date }"), "1:4 d: " + forms + " of type `Date`" + other);
  EXPECT_EQ(check("d: 20200101", "{ d : Date }"), "1:4 d: " + forms + ", found a number");
}

TEST(YamlReading, NullIsAValueOfPreludeJsonType) {
  const std::string json_type =
      "∀(JSON : Type) → ∀(json : { array : List JSON → JSON, bool : Bool → JSON, double : Double "
      "→ JSON, integer : Integer → JSON, null : JSON, object : List { mapKey : Text, mapValue : "
      "JSON } → JSON, string : Text → JSON }) → JSON";
  EXPECT_EQ(check("extra: null\n", "{ extra : " + json_type + " }"), "ok");
  EXPECT_EQ(check("{}", "{ extra : " + json_type + " }"), "1:1 (top level): missing field `extra`");
}

TEST(YamlReading, TemporalRoundTrip) {
  // The render quotes what YAML 1.1 would read as a timestamp or a number;
  // read back, the quoted strings give the same values.
  std::string rendered = "d: '2020-01-01'\ndt: \"2020-01-01T12:30:00+01:00\"\n"
                         "local: \"2020-01-01T12:30:00.250\"\nt: \"12:30:00\"\n"
                         "tz: \"12:30:00-05:30\"\nz: \"+01:00\"\n";
  EXPECT_EQ(round_trip("d: 2020-01-01\ndt: 2020-01-01T12:30:00+01:00\n"
                       "local: 2020-01-01T12:30:00.250\nt: 12:30:00\ntz: 12:30:00-05:30\n"
                       "z: +01:00\n",
                       temporal),
            rendered);
  EXPECT_EQ(round_trip(rendered, temporal), rendered);
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
