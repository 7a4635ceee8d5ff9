#include "render/conversion.h"

#include <fmt/core.h>

#include <optional>
#include <utility>

#include "render/conversion_context.h"
#include "render/json_encoding.h"

namespace polar::render {
namespace {

using dhall::Expr;
using dhall::ExprPtr;
using dhall::Label;

bool is_builtin(const Expr& expr, dhall::Builtin builtin) {
  const auto* ref = expr.as<dhall::BuiltinRef>();
  return ref != nullptr && ref->builtin == builtin;
}

const std::string* plain_text(const Expr& expr) {
  const auto* text = expr.as<dhall::TextLit>();
  return text != nullptr && text->chunks.empty() ? &text->tail : nullptr;
}

// `< A | B : T >.A`: the union type and alternative of an empty alternative
// or of a constructor.
struct Alternative {
  const dhall::UnionType* type;
  Label name;
};
std::optional<Alternative> alternative(const Expr& expr) {
  const auto* field = expr.as<dhall::Field>();
  if (field == nullptr) {
    return std::nullopt;
  }
  const auto* type = field->record->as<dhall::UnionType>();
  return type == nullptr ? std::nullopt : std::optional(Alternative{type, field->name});
}

// A union value: its type, alternative and payload (null when empty).
struct UnionValue {
  const dhall::UnionType* type;
  Label name;
  ExprPtr payload;
};
std::optional<UnionValue> union_value(const Expr& expr) {
  if (auto empty = alternative(expr)) {
    return UnionValue{empty->type, empty->name, nullptr};
  }
  const auto* app = expr.as<dhall::App>();
  auto constructor = app ? alternative(*app->fn) : std::nullopt;
  return constructor ? std::optional(UnionValue{constructor->type, constructor->name, app->arg})
                     : std::nullopt;
}

const ExprPtr* find_field(const dhall::FieldMap& fields, std::string_view name) {
  auto found = fields.find(Label(name));
  return found == fields.end() ? nullptr : &found->second;
}

bool is_empty_record_type(const ExprPtr& type) {
  const auto* record = type ? type->as<dhall::RecordType>() : nullptr;
  return record != nullptr && record->fields.empty();
}

// `< Inline | Nested : Text >` (or `Inline : {}`), the Prelude's JSON/Nesting.
bool is_nesting_type(const dhall::UnionType& type) {
  const ExprPtr* inline_type = find_field(type.alternatives, "Inline");
  const ExprPtr* nested_type = find_field(type.alternatives, "Nested");
  return type.alternatives.size() == 2 && inline_type != nullptr && nested_type != nullptr &&
         (*inline_type == nullptr || is_empty_record_type(*inline_type)) && *nested_type &&
         is_builtin(**nested_type, dhall::Builtin::text);
}

// Where a JSON/Nesting value puts a union's payload: next to the tag
// (`Inline`) or under a key of its own (`Nested "key"`).
struct Nesting {
  bool is_inline;
  std::string nested_key; // when not inline
};
std::optional<Nesting> nesting_of(const Expr& nesting) {
  auto value = union_value(nesting);
  if (!value || !is_nesting_type(*value->type)) {
    return std::nullopt;
  }
  if (value->name.view() == "Nested") {
    const std::string* key = plain_text(*value->payload);
    return key ? std::optional(Nesting{false, *key}) : std::nullopt;
  }
  const auto* unit = value->payload ? value->payload->as<dhall::RecordLit>() : nullptr;
  bool inline_ok = value->payload == nullptr || (unit != nullptr && unit->fields.empty());
  return inline_ok ? std::optional(Nesting{true, {}}) : std::nullopt;
}

std::string iso_date(const dhall::DateLit& date) {
  return fmt::format("{:04}-{:02}-{:02}", date.year, date.month, date.day);
}

std::string iso_time(const dhall::TimeLit& time) {
  std::string seconds = time.second_fraction.to_string();
  std::size_t minimum_length = time.precision + 2;
  if (seconds.size() < minimum_length) {
    seconds.insert(0, minimum_length - seconds.size(), '0');
  }
  if (time.precision > 0) {
    seconds.insert(seconds.size() - time.precision, ".");
  }
  return fmt::format("{:02}:{:02}:{}", time.hour, time.minute, seconds);
}

std::string iso_time_zone(const dhall::TimeZoneLit& zone) {
  int minutes = zone.minutes < 0 ? -zone.minutes : zone.minutes;
  return fmt::format("{}{:02}:{:02}", zone.minutes < 0 ? '-' : '+', minutes / 60, minutes % 60);
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

// Why `expr` has no JSON form, as a phrase: "is a function".
std::string unrepresentable(const Expr& expr) {
  if (const auto* builtin = expr.as<dhall::BuiltinRef>()) {
    auto name = dhall::builtin_name(builtin->builtin);
    if (builtin->builtin == dhall::Builtin::none) {
      return "is `None` on its own; an absent value is written `None T`";
    }
    return fmt::format("is the built-in {} `{}`, which has no JSON form",
                       is_type_builtin(builtin->builtin) ? "type" : "function", name);
  }
  if (expr.is<dhall::Lambda>()) {
    return "is a function, which has no JSON form";
  }
  if (expr.is<dhall::Pi>() || expr.is<dhall::RecordType>() || expr.is<dhall::UnionType>() ||
      expr.is<dhall::ConstRef>()) {
    return "is a type, which has no JSON form";
  }
  if (expr.is<dhall::BytesLit>()) {
    return "is a Bytes literal, which has no JSON form";
  }
  if (expr.is<dhall::TextLit>()) {
    return "is Text with an interpolation that does not reduce";
  }
  return "is not a value (an expression that does not reduce)";
}

class DhallToJson {
public:
  explicit DhallToJson(ConversionContext& context) : context_(context) {}

  Json convert(const Expr& expr) {
    if (const auto* boolean = expr.as<dhall::BoolLit>()) {
      return Json::boolean(boolean->value);
    }
    if (const auto* natural = expr.as<dhall::NaturalLit>()) {
      return Json::number(JsonNumber::from_natural(natural->value));
    }
    if (const auto* integer = expr.as<dhall::IntegerLit>()) {
      return Json::number(JsonNumber::from_integer(integer->value));
    }
    if (const auto* floating = expr.as<dhall::DoubleLit>()) {
      return context_.number(floating->value, expr);
    }
    if (const std::string* text = plain_text(expr)) {
      return Json::string(*text);
    }
    if (const auto* date = expr.as<dhall::DateLit>()) {
      return Json::string(iso_date(*date));
    }
    if (const auto* time = expr.as<dhall::TimeLit>()) {
      return Json::string(iso_time(*time));
    }
    if (const auto* zone = expr.as<dhall::TimeZoneLit>()) {
      return Json::string(iso_time_zone(*zone));
    }
    if (const auto* list = expr.as<dhall::ListLit>()) {
      return convert_list(*list);
    }
    if (const auto* some = expr.as<dhall::Some>()) {
      return convert(*some->value);
    }
    if (const auto* record = expr.as<dhall::RecordLit>()) {
      return convert_record(*record);
    }
    if (const auto* app = expr.as<dhall::App>();
        app && is_builtin(*app->fn, dhall::Builtin::none)) {
      return Json::null();
    }
    if (auto value = union_value(expr)) {
      return value->payload ? convert(*value->payload) : Json::string(value->name.str());
    }
    if (const auto* lambda = expr.as<dhall::Lambda>()) {
      if (auto json = decode_json_encoding(*lambda, context_)) {
        return *std::move(json);
      }
    }
    context_.fail(expr, unrepresentable(expr));
  }

private:
  Json convert_list(const dhall::ListLit& list) {
    if (context_.options().association_lists_as_objects) {
      if (auto object = association_list(list)) {
        return *std::move(object);
      }
    }
    JsonArray items;
    items.reserve(list.items.size());
    for (std::size_t index = 0; index < list.items.size(); ++index) {
      items.push_back(context_.at_index(index, [&] { return convert(*list.items[index]); }));
    }
    return Json::array(std::move(items));
  }

  // Is `record` a `{ mapKey : K, mapValue : V }` entry (names per options)?
  bool is_entry(const dhall::FieldMap& fields) const {
    const auto& options = context_.options();
    return fields.size() == 2 && find_field(fields, options.map_key) &&
           find_field(fields, options.map_value);
  }

  // `[ { mapKey = k, mapValue = v }, ... ]` as `{ k: v, ... }` (the last of
  // equal keys wins); `[] : List { mapKey : K, mapValue : V }` as `{}`.
  std::optional<Json> association_list(const dhall::ListLit& list) {
    if (list.items.empty()) {
      const dhall::RecordType* entry_type = empty_list_element_record_type(list);
      return entry_type && is_entry(entry_type->fields) ? std::optional(Json::object({}))
                                                        : std::nullopt;
    }
    std::vector<std::pair<std::string, const Expr*>> entries;
    for (const ExprPtr& item : list.items) {
      const auto* record = item->as<dhall::RecordLit>();
      if (record == nullptr || !is_entry(record->fields)) {
        return std::nullopt;
      }
      std::optional<std::string> key =
          entry_key(**find_field(record->fields, context_.options().map_key));
      if (!key) {
        return std::nullopt;
      }
      entries.emplace_back(*std::move(key),
                           find_field(record->fields, context_.options().map_value)->get());
    }
    JsonObject object;
    for (auto& [key, value] : entries) {
      object.insert_or_assign(key, context_.at_key(key, [&] { return convert(*value); }));
    }
    return Json::object(std::move(object));
  }

  // A key is Text or an empty union alternative (written as its name).
  static std::optional<std::string> entry_key(const Expr& key) {
    if (const std::string* text = plain_text(key)) {
      return *text;
    }
    auto value = union_value(key);
    return value && !value->payload ? std::optional(value->name.str()) : std::nullopt;
  }

  // `[] : List T` carries `List T` (or T itself); the record type T, if any.
  static const dhall::RecordType* empty_list_element_record_type(const dhall::ListLit& list) {
    if (!list.type) {
      return nullptr;
    }
    const auto* app = list.type->as<dhall::App>();
    const Expr& element =
        app && is_builtin(*app->fn, dhall::Builtin::list) ? *app->arg : *list.type;
    return element.as<dhall::RecordType>();
  }

  Json convert_record(const dhall::RecordLit& record) {
    if (auto tagged = nesting_record(record)) {
      return *std::move(tagged);
    }
    JsonObject object;
    for (const auto& [label, value] : record.fields) {
      object.emplace(label.str(), context_.at_key(label.str(), [&] { return convert(*value); }));
    }
    return Json::object(std::move(object));
  }

  // `{ contents = U.A x, field = "tag", nesting = Nesting.Nested "value" }`
  // becomes `{ tag: "A", value: x }`; with `Nesting.Inline` the record x
  // gets the extra field `tag: "A"`.
  std::optional<Json> nesting_record(const dhall::RecordLit& record) {
    const ExprPtr* contents = find_field(record.fields, "contents");
    const ExprPtr* field = find_field(record.fields, "field");
    const ExprPtr* nesting = find_field(record.fields, "nesting");
    if (record.fields.size() != 3 || !contents || !field || !nesting) {
      return std::nullopt;
    }
    const std::string* tag_key = plain_text(**field);
    auto value = union_value(**contents);
    auto placement = nesting_of(**nesting);
    if (!tag_key || !value || !placement) {
      return std::nullopt;
    }
    if (!placement->is_inline) {
      JsonObject object;
      object.emplace(*tag_key, Json::string(value->name.str()));
      const std::string& key = placement->nested_key;
      object.insert_or_assign(
          key, value->payload ? context_.at_key(key, [&] { return convert(*value->payload); })
                              : Json::null());
      return Json::object(std::move(object));
    }
    dhall::FieldMap fields;
    if (value->payload) {
      const auto* payload = value->payload->as<dhall::RecordLit>();
      if (payload == nullptr) {
        context_.fail(*value->payload, "the Inline nesting of alternative `" + value->name.str() +
                                           "` needs a record to add the field `" + *tag_key +
                                           "` to");
      }
      fields = payload->fields;
    }
    fields.insert_or_assign(Label(*tag_key),
                            dhall::make_expr(dhall::TextLit{{}, value->name.str()}));
    return convert_record(dhall::RecordLit{std::move(fields)});
  }

  ConversionContext& context_;
};

} // namespace

Json dhall_to_json(const dhall::ExprPtr& normal_form, const ConversionOptions& options) {
  ConversionContext context(options);
  return DhallToJson(context).convert(*normal_form);
}

} // namespace polar::render
