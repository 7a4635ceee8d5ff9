#include "schema/values_schema.h"

#include <gtest/gtest.h>

#include <string>

#include "render/json_writer.h"
#include "semantics/eval.h"
#include "syntax/parser.h"

namespace polar::schema {
namespace {

// The Prelude's JSON.Type, as its normal form spells it.
const std::string json_type =
    "∀(JSON : Type) → ∀(json : { array : List JSON → JSON, bool : Bool → JSON, double : Double "
    "→ JSON, integer : Integer → JSON, null : JSON, object : List { mapKey : Text, mapValue : "
    "JSON } → JSON, string : Text → JSON }) → JSON";

dhall::ValuePtr type_of(const std::string& source) {
  return dhall::eval(dhall::Env{}, dhall::parse_text(source));
}

// The schema without its $schema line, on one line.
std::string schema_of(const std::string& type) {
  render::Json schema = json_schema(type_of(type));
  schema.as<render::JsonObject>()->erase("$schema");
  std::string text = render::write_json(schema, render::JsonLayout::compact);
  return text.substr(0, text.size() - 1);
}

std::string error_of(const std::string& type) {
  try {
    json_schema(type_of(type));
  } catch (const dhall::Error& error) {
    return error.message();
  }
  return "(no error)";
}

TEST(ValuesSchema, NamesItsDraft) {
  render::Json schema = json_schema(type_of("Text"));
  EXPECT_EQ(schema.as<render::JsonObject>()->at("$schema"),
            render::Json::string("http://json-schema.org/draft-07/schema#"));
}

TEST(ValuesSchema, Scalars) {
  EXPECT_EQ(schema_of("Natural"), R"({"minimum":0,"type":"integer"})");
  EXPECT_EQ(schema_of("Integer"), R"({"type":"integer"})");
  EXPECT_EQ(schema_of("Double"), R"({"type":"number"})");
  EXPECT_EQ(schema_of("Text"), R"({"type":"string"})");
  EXPECT_EQ(schema_of("Bool"), R"({"type":"boolean"})");
  EXPECT_EQ(schema_of("Date"), R"({"type":"string"})");
  // Records the combined temporal literals desugar to are one RFC 3339 string.
  EXPECT_EQ(schema_of("{ date : Date, time : Time, timeZone : TimeZone }"), R"({"type":"string"})");
  EXPECT_EQ(schema_of("{ time : Time, timeZone : TimeZone }"), R"({"type":"string"})");
  EXPECT_EQ(schema_of("{ date : Date, timeZone : TimeZone }"),
            R"({"additionalProperties":false,"properties":{"date":{"type":"string"},)"
            R"("timeZone":{"type":"string"}},"required":["date","timeZone"],"type":"object"})");
}

TEST(ValuesSchema, RecordsAreClosedWithRequiredFields) {
  EXPECT_EQ(schema_of("{ b : Natural, a : Optional Text }"),
            R"({"additionalProperties":false,"properties":{"a":{"type":["string","null"]},)"
            R"("b":{"minimum":0,"type":"integer"}},"required":["b"],"type":"object"})");
  // No `required` at all rather than an empty list (draft-04 readers reject it).
  EXPECT_EQ(schema_of("{ a : Optional Bool }"),
            R"({"additionalProperties":false,"properties":{"a":{"type":["boolean","null"]}},)"
            R"("type":"object"})");
}

TEST(ValuesSchema, ListsAndMaps) {
  EXPECT_EQ(schema_of("List Natural"),
            R"({"items":{"minimum":0,"type":"integer"},"type":"array"})");
  EXPECT_EQ(schema_of("List { mapKey : Text, mapValue : Bool }"),
            R"({"additionalProperties":{"type":"boolean"},"type":"object"})");
  EXPECT_EQ(schema_of("List { mapKey : < a | b >, mapValue : Bool }"),
            R"({"additionalProperties":{"type":"boolean"},)"
            R"("propertyNames":{"enum":["a","b"],"type":"string"},"type":"object"})");
}

TEST(ValuesSchema, UnionsAsDhallToJsonRendersThem) {
  EXPECT_EQ(schema_of("< Fast | Slow >"), R"({"enum":["Fast","Slow"],"type":"string"})");
  EXPECT_EQ(schema_of("< Int : Natural | String : Text >"),
            R"({"oneOf":[{"minimum":0,"type":"integer"},{"type":"string"}]})");
  // An empty alternative is a string too: the JSON types overlap, so anyOf.
  EXPECT_EQ(schema_of("< Auto | Name : Text >"),
            R"({"anyOf":[{"enum":["Auto"],"type":"string"},{"type":"string"}]})");
  // Alternatives with the same rendering are one choice.
  EXPECT_EQ(schema_of("< A : Text | B : Text >"), R"({"type":"string"})");
}

TEST(ValuesSchema, OptionalOfEnumAdmitsNull) {
  EXPECT_EQ(schema_of("Optional < a | b >"), R"({"enum":["a","b",null],"type":["string","null"]})");
  EXPECT_EQ(schema_of("Optional < I : Natural | S : Text >"),
            R"({"anyOf":[{"oneOf":[{"minimum":0,"type":"integer"},{"type":"string"}]},)"
            R"({"type":"null"}]})");
}

TEST(ValuesSchema, JsonTypeIsAnything) {
  EXPECT_EQ(schema_of("{ extra : " + json_type + " }"),
            R"({"additionalProperties":false,"properties":{"extra":{}},"required":["extra"],)"
            R"("type":"object"})");
}

TEST(ValuesSchema, TypesWithoutJsonNameTheField) {
  EXPECT_EQ(error_of("{ a : { key : Bytes } }"),
            "the type of `a.key` is `Bytes`, which has no JSON rendering");
  EXPECT_EQ(error_of("{ f : Natural → Natural }"), "the type of `f` is a function type");
  EXPECT_EQ(error_of("{ l : List < A : Type > }"), "the type of `l[*]<A>` is not a type of values");
  EXPECT_EQ(error_of("Bytes"), "the type of the value is `Bytes`, which has no JSON rendering");
}

TEST(ChartValuesSchema, AllowsWhatHelmAdds) {
  render::Json schema = chart_values_schema(
      type_of("{ web : { port : Natural }, replicas : Natural }"), {"web", "db"});
  const auto& properties = schema.as<render::JsonObject>()->at("properties");
  std::string text = render::write_json(properties, render::JsonLayout::compact);
  EXPECT_EQ(text, R"({"db":{"type":"object"},"global":{"type":"object"},)"
                  R"("replicas":{"minimum":0,"type":"integer"},)"
                  R"("web":{"properties":{"port":{"minimum":0,"type":"integer"}},)"
                  R"("required":["port"],"type":"object"}})"
                  "\n");
}

TEST(ChartValuesSchema, KeepsADeclaredGlobal) {
  render::Json schema = chart_values_schema(type_of("{ global : { domain : Text } }"), {});
  const auto& global =
      schema.as<render::JsonObject>()->at("properties").as<render::JsonObject>()->at("global");
  EXPECT_EQ(global.as<render::JsonObject>()->at("required"),
            render::Json::array({render::Json::string("domain")}));
}

} // namespace
} // namespace polar::schema
