#include "render/conversion.h"

#include <fmt/core.h>

#include <optional>
#include <utility>

#include "render/conversion_context.h"
#include "render/json_encoding.h"
#include "render/temporal.h"
#include "semantics/eval.h"

namespace polar::render {
namespace {

using dhall::Label;
using dhall::LazyFieldMap;
using dhall::Value;
using dhall::ValuePtr;

const std::string* plain_text(const Value& value) {
  const auto* text = value.as<dhall::VText>();
  return text != nullptr && text->chunks.empty() ? &text->tail : nullptr;
}

// A union value: its type, alternative and payload (null when the
// alternative is empty). dhall-to-json also takes a constructor that is not
// applied, `<A : T>.A`, for its name, as it does an empty alternative.
struct UnionValue {
  const dhall::VUnionType* type;
  Label name;
  ValuePtr payload;
};
std::optional<UnionValue> union_value(const Value& value) {
  if (const auto* inject = value.as<dhall::VInject>()) {
    const auto* type = inject->union_type->as<dhall::VUnionType>();
    return type ? std::optional(UnionValue{type, inject->tag, inject->payload}) : std::nullopt;
  }
  const auto* constructor = value.as<dhall::VField>();
  const auto* type = constructor ? constructor->record->as<dhall::VUnionType>() : nullptr;
  return type ? std::optional(UnionValue{type, constructor->name, nullptr}) : std::nullopt;
}

const ValuePtr* find_alternative(const dhall::ValueFieldMap& alternatives, std::string_view name) {
  auto found = alternatives.find(Label(name));
  return found == alternatives.end() ? nullptr : &found->second;
}

const dhall::LazyValue* find_field(const LazyFieldMap& fields, std::string_view name) {
  auto found = fields.find(Label(name));
  return found == fields.end() ? nullptr : &found->second;
}

bool is_empty_record_type(const ValuePtr& type) {
  const auto* record = type ? type->as<dhall::VRecordType>() : nullptr;
  return record != nullptr && record->fields.empty();
}

// `< Inline | Nested : Text >` (or `Inline : {}`), the Prelude's JSON/Nesting.
bool is_nesting_type(const dhall::VUnionType& type) {
  const ValuePtr* inline_type = find_alternative(type.alternatives, "Inline");
  const ValuePtr* nested_type = find_alternative(type.alternatives, "Nested");
  return type.alternatives.size() == 2 && inline_type != nullptr && nested_type != nullptr &&
         (*inline_type == nullptr || is_empty_record_type(*inline_type)) && *nested_type &&
         dhall::is_builtin_type(**nested_type, dhall::Builtin::text);
}

// Where a JSON/Nesting value puts a union's payload: next to the tag
// (`Inline`) or under a key of its own (`Nested "key"`).
struct Nesting {
  bool is_inline;
  std::string nested_key; // when not inline
};
std::optional<Nesting> nesting_of(const Value& nesting) {
  auto value = union_value(nesting);
  if (!value || !is_nesting_type(*value->type)) {
    return std::nullopt;
  }
  if (value->name.view() == "Nested") {
    const std::string* key = value->payload ? plain_text(*value->payload) : nullptr;
    return key ? std::optional(Nesting{false, *key}) : std::nullopt;
  }
  const auto* unit = value->payload ? value->payload->as<dhall::VRecordLit>() : nullptr;
  bool inline_ok = value->payload == nullptr || (unit != nullptr && unit->fields.empty());
  return inline_ok ? std::optional(Nesting{true, {}}) : std::nullopt;
}

bool is_type_builtin(dhall::Builtin builtin) {
  using enum dhall::Builtin;
  switch (builtin) {
  case bool_:
  case optional:
  case natural:
  case integer:
  case double_:
  case text:
  case list:
  case bytes:
  case date:
  case time:
  case time_zone:
    return true;
  default:
    return false;
  }
}

// Why `value` has no JSON form, as a phrase: "is a function".
std::string unrepresentable(const Value& value) {
  if (const auto* builtin = value.as<dhall::VBuiltin>(); builtin && builtin->args.empty()) {
    auto name = dhall::builtin_name(builtin->builtin);
    if (builtin->builtin == dhall::Builtin::none) {
      return "is `None` on its own; an absent value is written `None T`";
    }
    return fmt::format("is the built-in {} `{}`, which has no JSON form",
                       is_type_builtin(builtin->builtin) ? "type" : "function", name);
  }
  if (value.is<dhall::VLambda>()) {
    return "is a function, which has no JSON form";
  }
  if (value.is<dhall::VPi>() || value.is<dhall::VRecordType>() || value.is<dhall::VUnionType>() ||
      value.is<dhall::VConst>()) {
    return "is a type, which has no JSON form";
  }
  if (value.is<dhall::VBytes>()) {
    return "is a Bytes literal, which has no JSON form";
  }
  if (value.is<dhall::VText>()) {
    return "is Text with an interpolation that does not reduce";
  }
  return "is not a value (an expression that does not reduce)";
}

class DhallToJson {
public:
  explicit DhallToJson(ConversionContext& context) : context_(context) {}

  Json convert(const ValuePtr& pointer) {
    const Value& value = *pointer;
    if (const auto* boolean = value.as<dhall::VBool>()) {
      return Json::boolean(boolean->value);
    }
    if (const auto* natural = value.as<dhall::VNatural>()) {
      return Json::number(JsonNumber::from_natural(natural->value));
    }
    if (const auto* integer = value.as<dhall::VInteger>()) {
      return Json::number(JsonNumber::from_integer(integer->value));
    }
    if (const auto* floating = value.as<dhall::VDouble>()) {
      return context_.number(floating->value);
    }
    if (const std::string* text = plain_text(value)) {
      return Json::string(*text);
    }
    if (auto temporal = temporal_text(value)) {
      return Json::string(*std::move(temporal));
    }
    if (const auto* list = value.as<dhall::VList>()) {
      return convert_list(*list);
    }
    if (const auto* some = value.as<dhall::VSome>()) {
      return convert(some->value);
    }
    if (const auto* record = value.as<dhall::VRecordLit>()) {
      return convert_record(record->fields);
    }
    if (const auto* none = value.as<dhall::VBuiltin>();
        none && none->builtin == dhall::Builtin::none && none->args.size() == 1) {
      return Json::null();
    }
    if (auto alternative = union_value(value)) {
      return alternative->payload ? convert(alternative->payload)
                                  : Json::string(alternative->name.str());
    }
    if (value.is<dhall::VLambda>()) {
      // Only a JSON.Type value is rendered: read this one function back and
      // decode the syntax of its body.
      auto function = dhall::quote(pointer);
      if (auto json = decode_json_encoding(*function->as<dhall::Lambda>(), context_)) {
        return *std::move(json);
      }
    }
    context_.fail(unrepresentable(value));
  }

private:
  // A key computed from values, as error paths show it (see
  // ConversionOptions::map_keys_in_errors).
  std::string path_key(const std::string& key) const {
    return context_.options().map_keys_in_errors ? key : "<value hidden>";
  }

  Json convert_list(const dhall::VList& list) {
    if (context_.options().association_lists_as_objects) {
      if (auto object = association_list(list)) {
        return *std::move(object);
      }
    }
    JsonArray items;
    items.reserve(list.items.size());
    for (std::size_t index = 0; index < list.items.size(); ++index) {
      items.push_back(context_.at_index(index, [&] { return convert(list.items[index]); }));
    }
    return Json::array(std::move(items));
  }

  // Is a record with these field names a `{ mapKey, mapValue }` entry (names
  // per options)?
  template <typename FieldMap>
  bool is_entry(const FieldMap& fields) const {
    const auto& options = context_.options();
    return fields.size() == 2 && fields.contains(Label(options.map_key)) &&
           fields.contains(Label(options.map_value));
  }

  // `[ { mapKey = k, mapValue = v }, ... ]` as `{ k: v, ... }` (the last of
  // equal keys wins); `[] : List { mapKey : K, mapValue : V }` as `{}`.
  std::optional<Json> association_list(const dhall::VList& list) {
    if (list.items.empty()) {
      const dhall::VRecordType* entry_type = empty_list_element_record_type(list);
      return entry_type && is_entry(entry_type->fields) ? std::optional(Json::object({}))
                                                        : std::nullopt;
    }
    std::vector<std::pair<std::string, ValuePtr>> entries;
    for (const ValuePtr& item : list.items) {
      const auto* record = item->as<dhall::VRecordLit>();
      if (record == nullptr || !is_entry(record->fields)) {
        return std::nullopt;
      }
      std::optional<std::string> key =
          entry_key(*find_field(record->fields, context_.options().map_key)->force());
      if (!key) {
        return std::nullopt;
      }
      entries.emplace_back(*std::move(key),
                           find_field(record->fields, context_.options().map_value)->force());
    }
    JsonObject object;
    // Not `auto& [key, value]`: clang before 16 cannot capture structured bindings.
    for (auto& entry : entries) {
      const ValuePtr& value = entry.second;
      object.insert_or_assign(
          entry.first, context_.at_key(path_key(entry.first), [&] { return convert(value); }));
    }
    return Json::object(std::move(object));
  }

  // A key is Text or an empty union alternative (written as its name).
  static std::optional<std::string> entry_key(const Value& key) {
    if (const std::string* text = plain_text(key)) {
      return *text;
    }
    auto alternative = union_value(key);
    return alternative && !alternative->payload ? std::optional(alternative->name.str())
                                                : std::nullopt;
  }

  // `[] : List T` carries `List T`; the record type T, if any.
  static const dhall::VRecordType* empty_list_element_record_type(const dhall::VList& list) {
    if (!list.type) {
      return nullptr;
    }
    ValuePtr element = dhall::list_element_type(*list.type);
    return (element ? *element : *list.type).as<dhall::VRecordType>();
  }

  Json convert_record(const LazyFieldMap& fields) {
    if (auto tagged = nesting_record(fields)) {
      return *std::move(tagged);
    }
    JsonObject object;
    for (const auto& field : fields) {
      const dhall::LazyValue& value = field.second;
      object.emplace(field.first.str(),
                     context_.at_key(field.first.str(), [&] { return convert(value.force()); }));
    }
    return Json::object(std::move(object));
  }

  // `{ contents = U.A x, field = "tag", nesting = Nesting.Nested "value" }`
  // becomes `{ tag: "A", value: x }`; with `Nesting.Inline` the record x
  // gets the extra field `tag: "A"`.
  std::optional<Json> nesting_record(const LazyFieldMap& fields) {
    const dhall::LazyValue* contents = find_field(fields, "contents");
    const dhall::LazyValue* field = find_field(fields, "field");
    const dhall::LazyValue* nesting = find_field(fields, "nesting");
    if (fields.size() != 3 || !contents || !field || !nesting) {
      return std::nullopt;
    }
    const std::string* tag_key = plain_text(*field->force());
    auto alternative = union_value(*contents->force());
    auto placement = nesting_of(*nesting->force());
    if (!tag_key || !alternative || !placement) {
      return std::nullopt;
    }
    if (!placement->is_inline) {
      JsonObject object;
      object.emplace(*tag_key, Json::string(alternative->name.str()));
      const std::string& key = placement->nested_key;
      const ValuePtr& payload = alternative->payload;
      object.insert_or_assign(
          key, payload ? context_.at_key(path_key(key), [&] { return convert(payload); })
                       : Json::null());
      return Json::object(std::move(object));
    }
    LazyFieldMap tagged;
    if (alternative->payload) {
      const auto* payload = alternative->payload->as<dhall::VRecordLit>();
      if (payload == nullptr) {
        context_.fail("the Inline nesting of alternative `" + alternative->name.str() +
                      "` needs a record to add the field `" + *tag_key + "` to");
      }
      tagged = payload->fields;
    }
    tagged.insert_or_assign(Label(*tag_key), dhall::make_text(alternative->name.str()));
    return convert_record(tagged);
  }

  ConversionContext& context_;
};

} // namespace

Json dhall_to_json(const ValuePtr& value, const ConversionOptions& options) {
  ConversionContext context(options);
  return DhallToJson(context).convert(value);
}

} // namespace polar::render
