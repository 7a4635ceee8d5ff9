#include "schema/values_schema.h"

#include <fmt/core.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "schema/detail/type_shapes.h"
#include "syntax/source.h"

namespace polar::schema {
namespace {

using dhall::Builtin;
using dhall::Value;
using dhall::ValuePtr;
using render::Json;
using render::JsonArray;
using render::JsonObject;

constexpr const char* draft = "http://json-schema.org/draft-07/schema#";

Json text(std::string value) {
  return Json::string(std::move(value));
}

Json typed(std::string json_type) {
  return Json::object({{"type", text(std::move(json_type))}});
}

// The JSON types a schema admits ("integer" counts as "number"); every type
// for schemas this file builds without a `type` (anything, oneOf, anyOf).
std::set<std::string> json_types(const Json& schema) {
  static const std::set<std::string> all = {"array",  "boolean", "null",
                                            "number", "object",  "string"};
  const auto* object = schema.as<JsonObject>();
  if (object == nullptr || !object->contains("type")) {
    return all;
  }
  auto found = object->find("type");
  std::set<std::string> types;
  auto add = [&](const Json& name) {
    const std::string& type = *name.as<std::string>();
    types.insert(type == "integer" ? "number" : type);
  };
  if (const auto* many = found->second.as<JsonArray>()) {
    std::for_each(many->begin(), many->end(), add);
  } else {
    add(found->second);
  }
  return types;
}

// `schema` or null: what `Optional T` renders as.
Json nullable(Json schema) {
  auto& object = *schema.as<JsonObject>();
  auto type = object.find("type");
  if (object.empty()) {
    return schema; // anything admits null already
  }
  if (type == object.end()) {
    return Json::object({{"anyOf", Json::array({std::move(schema), typed("null")})}});
  }
  if (auto* many = type->second.as<JsonArray>()) {
    if (std::find(many->begin(), many->end(), text("null")) == many->end()) {
      many->push_back(text("null"));
    }
  } else if (type->second != text("null")) {
    type->second = Json::array({type->second, text("null")});
  }
  if (auto names = object.find("enum"); names != object.end()) {
    auto& values = *names->second.as<JsonArray>();
    if (std::find(values.begin(), values.end(), Json::null()) == values.end()) {
      values.push_back(Json::null());
    }
  }
  return schema;
}

class SchemaBuilder {
public:
  Json schema_of(const ValuePtr& type) {
    const Value& value = *type;
    if (const auto* builtin = value.as<dhall::VBuiltin>()) {
      return builtin_schema(*builtin);
    }
    if (const auto* record = value.as<dhall::VRecordType>()) {
      return record_schema(*record);
    }
    if (const auto* union_type = value.as<dhall::VUnionType>()) {
      return union_schema(*union_type);
    }
    if (is_json_type(value)) {
      return Json::object({});
    }
    fail(value.is<dhall::VPi>() ? "is a function type" : "is not a type of values");
  }

private:
  Json builtin_schema(const dhall::VBuiltin& builtin) {
    switch (builtin.builtin) {
    case Builtin::bool_:
      return typed("boolean");
    case Builtin::natural: {
      Json schema = typed("integer");
      schema.as<JsonObject>()->emplace("minimum", Json::number(render::JsonNumber{}));
      return schema;
    }
    case Builtin::integer:
      return typed("integer");
    case Builtin::double_:
      return typed("number");
    case Builtin::text:
    case Builtin::date:
    case Builtin::time:
    case Builtin::time_zone:
      return typed("string");
    case Builtin::optional:
      if (builtin.args.size() == 1) {
        return nullable(schema_of(builtin.args[0]));
      }
      break;
    case Builtin::list:
      if (builtin.args.size() == 1) {
        return list_schema(builtin.args[0]);
      }
      break;
    case Builtin::bytes:
      fail("is `Bytes`, which has no JSON rendering");
    default:
      break;
    }
    fail(fmt::format("is `{}`, which is not a type of values",
                     dhall::builtin_name(builtin.builtin)));
  }

  Json list_schema(const ValuePtr& element) {
    if (auto entry = map_entry_type(*element)) {
      JsonObject object{{"type", text("object")}};
      if (const auto* keys = entry->key->as<dhall::VUnionType>();
          keys && has_only_empty_alternatives(*keys)) {
        object.emplace("propertyNames", enum_of(*keys));
      } else if (!dhall::is_builtin_type(*entry->key, Builtin::text)) {
        fail("is a `Prelude.Map` whose keys are neither `Text` nor a union of empty "
             "alternatives, which has no JSON rendering");
      }
      object.emplace("additionalProperties", at("[*]", [&] { return schema_of(entry->value); }));
      return Json::object(std::move(object));
    }
    Json items = at("[*]", [&] { return schema_of(element); });
    return Json::object({{"type", text("array")}, {"items", std::move(items)}});
  }

  Json record_schema(const dhall::VRecordType& record) {
    if (is_temporal_record_type(record)) {
      return typed("string"); // 2020-01-01T00:00:00+01:00
    }
    JsonObject properties;
    JsonArray required;
    for (const auto& [label, field] : record.fields) {
      const ValuePtr& type = field.force();
      properties.emplace(label.str(), at(label.str(), [&] { return schema_of(type); }));
      if (!dhall::optional_element_type(*type)) {
        required.push_back(text(label.str()));
      }
    }
    JsonObject schema{{"type", text("object")},
                      {"properties", Json::object(std::move(properties))},
                      {"additionalProperties", Json::boolean(false)}};
    if (!required.empty()) { // draft-04 readers reject an empty list
      schema.emplace("required", Json::array(std::move(required)));
    }
    return Json::object(std::move(schema));
  }

  static Json enum_of(const dhall::VUnionType& type) {
    JsonArray names;
    for (const auto& [label, payload] : type.alternatives) {
      if (payload == nullptr) {
        names.push_back(text(label.str()));
      }
    }
    return Json::object({{"type", text("string")}, {"enum", Json::array(std::move(names))}});
  }

  // dhall-to-json writes a union value as its payload, an empty alternative
  // as its name: the value is one of those shapes.
  Json union_schema(const dhall::VUnionType& type) {
    JsonArray choices;
    if (std::any_of(type.alternatives.begin(), type.alternatives.end(),
                    [](const auto& alternative) { return alternative.second == nullptr; })) {
      choices.push_back(enum_of(type));
    }
    for (const auto& [label, payload] : type.alternatives) {
      if (payload == nullptr) {
        continue;
      }
      // An init-capture: clang before 16 cannot capture a structured binding.
      Json choice = at("<" + label.str() + ">",
                       [this, &type_of_payload = payload] { return schema_of(type_of_payload); });
      if (std::find(choices.begin(), choices.end(), choice) == choices.end()) {
        choices.push_back(std::move(choice));
      }
    }
    if (choices.size() == 1) {
      return std::move(choices.front());
    }
    // oneOf fails a value that two choices admit: where the JSON types of
    // the choices overlap, say anyOf.
    std::set<std::string> seen;
    bool disjoint = true;
    for (const Json& choice : choices) {
      for (const std::string& json_type : json_types(choice)) {
        disjoint = seen.insert(json_type).second && disjoint;
      }
    }
    return Json::object({{disjoint ? "oneOf" : "anyOf", Json::array(std::move(choices))}});
  }

  template <typename Build>
  Json at(const std::string& step, Build&& build) {
    path_.push_back(step);
    Json schema = build();
    path_.pop_back();
    return schema;
  }

  [[noreturn]] void fail(const std::string& problem) const {
    std::string where;
    for (const std::string& step : path_) {
      where += (where.empty() || step.front() == '[' || step.front() == '<') ? "" : ".";
      where += step;
    }
    throw dhall::Error(
        dhall::ErrorKind::render,
        fmt::format("the type of {} {}", where.empty() ? "the value" : "`" + where + "`", problem));
  }

  std::vector<std::string> path_;
};

} // namespace

Json json_schema(const ValuePtr& type) {
  Json schema = SchemaBuilder().schema_of(type);
  schema.as<JsonObject>()->emplace("$schema", text(draft));
  return schema;
}

} // namespace polar::schema

namespace polar::schema {
namespace {

// Allows `key` in the object schema `schema` as an object, unless the schema
// says what it is already.
void allow_object_key(Json& schema, const std::string& key) {
  auto* object = schema.as<JsonObject>();
  if (object == nullptr || !object->contains("properties")) {
    return; // not a record: Helm rejects such values anyway
  }
  object->at("properties").as<JsonObject>()->emplace(key, typed("object"));
}

} // namespace

Json chart_values_schema(const ValuePtr& type, const std::vector<std::string>& subcharts) {
  Json schema = json_schema(type);
  allow_object_key(schema, "global");
  auto* properties = schema.as<JsonObject>()->contains("properties")
                         ? schema.as<JsonObject>()->at("properties").as<JsonObject>()
                         : nullptr;
  for (const std::string& subchart : subcharts) {
    if (properties != nullptr && properties->contains(subchart)) {
      // Helm adds the subchart's own defaults (and `global`) here: the
      // fields the parent sets keep their types, the subchart's schema
      // checks the rest.
      if (auto* object = properties->at(subchart).as<JsonObject>()) {
        object->erase("additionalProperties");
      }
    } else {
      allow_object_key(schema, subchart);
    }
  }
  return schema;
}

} // namespace polar::schema
