#include "render/omission.h"

#include <algorithm>

namespace polar::render {
namespace {

bool is_null(const Json& value) {
  return value.is_null();
}

void omit_null_fields(Json& value) {
  if (auto* object = value.as<JsonObject>()) {
    for (auto& [key, field] : *object) {
      omit_null_fields(field);
    }
    std::erase_if(*object, [](const auto& field) { return field.second.is_null(); });
  } else if (auto* array = value.as<JsonArray>()) {
    std::for_each(array->begin(), array->end(), omit_null_fields);
  }
}

// As dhall-to-json's --omit-empty: nulls are dropped from objects and arrays
// alike, and an object or array left empty becomes null itself (so it is
// dropped from its parent in turn, and an empty document is `null`).
void omit_empty(Json& value) {
  if (auto* object = value.as<JsonObject>()) {
    for (auto& [key, field] : *object) {
      omit_empty(field);
    }
    std::erase_if(*object, [](const auto& field) { return field.second.is_null(); });
    if (object->empty()) {
      value = Json::null();
    }
  } else if (auto* array = value.as<JsonArray>()) {
    std::for_each(array->begin(), array->end(), omit_empty);
    std::erase_if(*array, is_null);
    if (array->empty()) {
      value = Json::null();
    }
  }
}

} // namespace

Json apply_omission(Json value, Omission omission) {
  switch (omission) {
  case Omission::null_fields:
    omit_null_fields(value);
    break;
  case Omission::empty:
    omit_empty(value);
    break;
  case Omission::none:
    break;
  }
  return value;
}

} // namespace polar::render
