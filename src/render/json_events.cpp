#include "render/detail/json_events.h"

#include <utility>

namespace polar::render {

void emit_json(const Json& value, JsonEvents& events) {
  if (const auto* object = value.as<JsonObject>()) {
    events.begin_object();
    for (const auto& [key, field] : *object) {
      events.key(key);
      emit_json(field, events);
    }
    events.end_object();
  } else if (const auto* array = value.as<JsonArray>()) {
    events.begin_array();
    for (const Json& item : *array) {
      emit_json(item, events);
    }
    events.end_array();
  } else if (const auto* boolean = value.as<bool>()) {
    events.boolean(*boolean);
  } else if (const auto* number = value.as<JsonNumber>()) {
    events.number(*number);
  } else if (const auto* text = value.as<std::string>()) {
    events.string(*text);
  } else {
    events.null();
  }
}

void JsonBuilder::null() {
  add(Json::null());
}

void JsonBuilder::boolean(bool value) {
  add(Json::boolean(value));
}

void JsonBuilder::number(const JsonNumber& value) {
  add(Json::number(value));
}

void JsonBuilder::string(std::string_view value) {
  add(Json::string(std::string(value)));
}

void JsonBuilder::begin_array() {
  open_.push_back({Json::array({}), {}});
}

void JsonBuilder::begin_object() {
  open_.push_back({Json::object({}), {}});
}

void JsonBuilder::key(std::string_view key) {
  open_.back().pending_key = key;
}

void JsonBuilder::end_array() {
  end_object();
}

void JsonBuilder::end_object() {
  Json done = std::move(open_.back().collection);
  open_.pop_back();
  add(std::move(done));
}

void JsonBuilder::add(Json value) {
  if (open_.empty()) {
    result_ = std::move(value);
  } else if (auto* array = open_.back().collection.as<JsonArray>()) {
    array->push_back(std::move(value));
  } else {
    open_.back().collection.as<JsonObject>()->insert_or_assign(std::move(open_.back().pending_key),
                                                               std::move(value));
  }
}

} // namespace polar::render
