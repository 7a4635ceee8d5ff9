#include "render/detail/json_encoding.h"

#include <algorithm>
#include <array>
#include <set>
#include <string_view>

namespace polar::render {
namespace {

using dhall::Expr;
using dhall::Label;

std::set<std::string_view> field_names(const dhall::FieldMap& fields) {
  std::set<std::string_view> names;
  for (const auto& [label, type] : fields) {
    names.insert(label.view());
  }
  return names;
}

// The record of constructors, `json`, in either Prelude generation.
bool is_constructor_record(const dhall::RecordType& record) {
  const std::set<std::string_view> current = {"array", "bool",   "double", "integer",
                                              "null",  "object", "string"};
  const std::set<std::string_view> before_v13 = {"array",  "bool",   "null",
                                                 "number", "object", "string"};
  auto names = field_names(record.fields);
  return names == current || names == before_v13;
}

class JsonEncodingDecoder {
public:
  JsonEncodingDecoder(Label constructors, ConversionContext& context)
      : constructors_(constructors), context_(context) {}

  Json decode(const Expr& expr) {
    if (is_constructor(expr, "null")) {
      return Json::null();
    }
    const auto* app = expr.as<dhall::App>();
    const Expr* argument = app ? app->arg.get() : nullptr;
    if (argument == nullptr) {
      fail();
    }
    if (is_constructor(*app->fn, "bool") && argument->is<dhall::BoolLit>()) {
      return Json::boolean(argument->as<dhall::BoolLit>()->value);
    }
    if ((is_constructor(*app->fn, "double") || is_constructor(*app->fn, "number")) &&
        argument->is<dhall::DoubleLit>()) {
      return context_.number(argument->as<dhall::DoubleLit>()->value);
    }
    if (is_constructor(*app->fn, "integer") && argument->is<dhall::IntegerLit>()) {
      return Json::number(JsonNumber::from_integer(argument->as<dhall::IntegerLit>()->value));
    }
    const auto* text = argument->as<dhall::TextLit>();
    if (is_constructor(*app->fn, "string") && text && text->chunks.empty()) {
      return Json::string(text->tail);
    }
    const auto* list = argument->as<dhall::ListLit>();
    if (is_constructor(*app->fn, "array") && list) {
      JsonArray items;
      for (std::size_t index = 0; index < list->items.size(); ++index) {
        items.push_back(context_.at_index(index, [&] { return decode(*list->items[index]); }));
      }
      return Json::array(std::move(items));
    }
    if (is_constructor(*app->fn, "object") && list) {
      return decode_object(*list);
    }
    fail();
  }

private:
  // `json.name`, with `json` the constructor record's variable.
  bool is_constructor(const Expr& expr, std::string_view name) const {
    const auto* field = expr.as<dhall::Field>();
    const auto* variable = field ? field->record->as<dhall::Var>() : nullptr;
    return variable != nullptr && variable->name == constructors_ && variable->index.is_zero() &&
           field->name.view() == name;
  }

  Json decode_object(const dhall::ListLit& entries) {
    JsonObject object;
    for (const dhall::ExprPtr& entry : entries.items) {
      const auto* record = entry->as<dhall::RecordLit>();
      auto key = record ? record->fields.find(Label("mapKey")) : dhall::FieldMap::const_iterator();
      auto value =
          record ? record->fields.find(Label("mapValue")) : dhall::FieldMap::const_iterator();
      if (!record || record->fields.size() != 2 || key == record->fields.end() ||
          value == record->fields.end() || !key->second->is<dhall::TextLit>() ||
          !key->second->as<dhall::TextLit>()->chunks.empty()) {
        fail();
      }
      const std::string& name = key->second->as<dhall::TextLit>()->tail;
      object.insert_or_assign(name, context_.at_key(name, [&] { return decode(*value->second); }));
    }
    return Json::object(std::move(object));
  }

  [[noreturn]] void fail() const {
    context_.fail("is a JSON.Type value that does not reduce to json.null, json.bool, "
                  "json.double, json.integer, json.string, json.array and json.object");
  }

  Label constructors_;
  ConversionContext& context_;
};

} // namespace

std::optional<Json> decode_json_encoding(const dhall::Lambda& function,
                                         ConversionContext& context) {
  const auto* kind = function.type->as<dhall::ConstRef>();
  const auto* inner = function.body->as<dhall::Lambda>();
  const auto* record = inner ? inner->type->as<dhall::RecordType>() : nullptr;
  if (!kind || kind->value != dhall::Const::type || !record || !is_constructor_record(*record)) {
    return std::nullopt;
  }
  return JsonEncodingDecoder(inner->param, context).decode(*inner->body);
}

} // namespace polar::render
