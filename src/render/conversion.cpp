#include "render/conversion.h"

#include <fmt/core.h>

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

#include "render/detail/conversion_context.h"
#include "render/detail/json_encoding.h"
#include "render/detail/json_events.h"
#include "render/detail/temporal.h"
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

// Discards what it receives: association list entries that a later entry
// with the same key replaces are still converted, for their errors, as
// dhall-to-json converts them.
class DiscardedEvents final : public JsonEvents {
public:
  void null() override {}
  void boolean(bool) override {}
  void number(const JsonNumber&) override {}
  void string(std::string_view) override {}
  void begin_array() override {}
  void end_array() override {}
  void begin_object() override {}
  void key(std::string_view) override {}
  void end_object() override {}
};

class DhallToJson {
public:
  DhallToJson(ConversionContext& context, JsonEvents& out) : context_(context), out_(&out) {}

  void convert(const ValuePtr& pointer) {
    const Value& value = *pointer;
    if (const auto* boolean = value.as<dhall::VBool>()) {
      out_->boolean(boolean->value);
    } else if (const auto* natural = value.as<dhall::VNatural>()) {
      out_->number(JsonNumber::from_natural(natural->value));
    } else if (const auto* integer = value.as<dhall::VInteger>()) {
      out_->number(JsonNumber::from_integer(integer->value));
    } else if (const auto* floating = value.as<dhall::VDouble>()) {
      emit_json(context_.number(floating->value), *out_);
    } else if (const std::string* text = plain_text(value)) {
      out_->string(*text);
    } else if (auto temporal = temporal_text(value)) {
      out_->string(*temporal);
    } else if (const auto* list = value.as<dhall::VList>()) {
      convert_list(*list);
    } else if (const auto* some = value.as<dhall::VSome>()) {
      convert(some->value);
    } else if (const auto* record = value.as<dhall::VRecordLit>()) {
      convert_record(record->fields);
    } else if (const auto* none = value.as<dhall::VBuiltin>();
               none && none->builtin == dhall::Builtin::none && none->args.size() == 1) {
      out_->null();
    } else if (auto alternative = union_value(value)) {
      if (alternative->payload) {
        convert(alternative->payload);
      } else {
        out_->string(alternative->name.view());
      }
    } else {
      convert_json_encoding(pointer);
    }
  }

private:
  // Only a JSON.Type value is rendered among functions: read this one
  // function back and decode the syntax of its body (whole: the syntax is).
  void convert_json_encoding(const ValuePtr& pointer) {
    if (pointer->is<dhall::VLambda>()) {
      auto function = dhall::quote(pointer);
      if (auto json = decode_json_encoding(*function->as<dhall::Lambda>(), context_)) {
        emit_json(*json, *out_);
        return;
      }
    }
    context_.fail(unrepresentable(*pointer));
  }

  // A key computed from values, as error paths show it (see
  // ConversionOptions::map_keys_in_errors).
  std::string path_key(const std::string& key) const {
    return context_.options().map_keys_in_errors ? key : "<value hidden>";
  }

  void convert_list(const dhall::VList& list) {
    if (context_.options().association_lists_as_objects && convert_association_list(list)) {
      return;
    }
    out_->begin_array();
    for (std::size_t index = 0; index < list.items.size(); ++index) {
      context_.at_index(index, [&] { convert(list.items[index]); });
    }
    out_->end_array();
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
  // False, having sent nothing, when `list` is no association list.
  bool convert_association_list(const dhall::VList& list) {
    if (list.items.empty()) {
      const dhall::VRecordType* entry_type = empty_list_element_record_type(list);
      if (!entry_type || !is_entry(entry_type->fields)) {
        return false;
      }
      out_->begin_object();
      out_->end_object();
      return true;
    }
    struct Entry {
      std::string key;
      ValuePtr value;
    };
    std::vector<Entry> entries;
    entries.reserve(list.items.size());
    for (const ValuePtr& item : list.items) {
      const auto* record = item->as<dhall::VRecordLit>();
      if (record == nullptr || !is_entry(record->fields)) {
        return false;
      }
      std::optional<std::string> key =
          entry_key(*find_field(record->fields, context_.options().map_key)->force());
      if (!key) {
        return false;
      }
      entries.push_back(
          {*std::move(key), find_field(record->fields, context_.options().map_value)->force()});
    }
    // Keys in code point order; of equal keys the last in the list wins.
    std::stable_sort(entries.begin(), entries.end(),
                     [](const Entry& a, const Entry& b) { return a.key < b.key; });
    out_->begin_object();
    for (std::size_t index = 0; index < entries.size(); ++index) {
      const Entry& entry = entries[index];
      bool replaced = index + 1 < entries.size() && entries[index + 1].key == entry.key;
      if (replaced) {
        DiscardedEvents discarded;
        JsonEvents* out = std::exchange(out_, &discarded);
        context_.at_key(path_key(entry.key), [&] { convert(entry.value); });
        out_ = out;
        continue;
      }
      out_->key(entry.key);
      context_.at_key(path_key(entry.key), [&] { convert(entry.value); });
    }
    out_->end_object();
    return true;
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

  void convert_record(const LazyFieldMap& fields) {
    if (convert_nesting_record(fields)) {
      return;
    }
    out_->begin_object();
    for (const auto& field : fields) {
      const dhall::LazyValue& value = field.second;
      out_->key(field.first.view());
      context_.at_key(field.first.str(), [&] { convert(value.force()); });
    }
    out_->end_object();
  }

  // `{ contents = U.A x, field = "tag", nesting = Nesting.Nested "value" }`
  // becomes `{ tag: "A", value: x }`; with `Nesting.Inline` the record x
  // gets the extra field `tag: "A"`. False, having sent nothing, for any
  // other record.
  bool convert_nesting_record(const LazyFieldMap& fields) {
    const dhall::LazyValue* contents = find_field(fields, "contents");
    const dhall::LazyValue* field = find_field(fields, "field");
    const dhall::LazyValue* nesting = find_field(fields, "nesting");
    if (fields.size() != 3 || !contents || !field || !nesting) {
      return false;
    }
    const std::string* tag_key = plain_text(*field->force());
    auto alternative = union_value(*contents->force());
    auto placement = nesting_of(*nesting->force());
    if (!tag_key || !alternative || !placement) {
      return false;
    }
    if (!placement->is_inline) {
      convert_nested(*tag_key, alternative->name.view(), placement->nested_key,
                     alternative->payload);
      return true;
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
    convert_record(tagged);
    return true;
  }

  // `{ tag: "name", key: payload }`, keys in order; `key` wins over an equal `tag`.
  void convert_nested(const std::string& tag, std::string_view name, const std::string& key,
                      const ValuePtr& payload) {
    auto write_tag = [&] {
      out_->key(tag);
      out_->string(name);
    };
    out_->begin_object();
    if (tag < key) {
      write_tag();
    }
    out_->key(key);
    if (payload) {
      context_.at_key(path_key(key), [&] { convert(payload); });
    } else {
      out_->null();
    }
    if (key < tag) {
      write_tag();
    }
    out_->end_object();
  }

  ConversionContext& context_;
  JsonEvents* out_;
};

} // namespace

void convert_dhall_to_json(const ValuePtr& value, const ConversionOptions& options,
                           JsonEvents& events) {
  ConversionContext context(options);
  DhallToJson(context, events).convert(value);
}

Json dhall_to_json(const ValuePtr& value, const ConversionOptions& options) {
  JsonBuilder builder;
  convert_dhall_to_json(value, options, builder);
  return builder.take();
}

} // namespace polar::render
