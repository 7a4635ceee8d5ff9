#include "render/json_path.h"

#include <algorithm>

#include "render/string_escape.h"

namespace polar::render {
namespace {

bool is_identifier(const std::string& key) {
  auto identifier_start = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  };
  return !key.empty() && identifier_start(key.front()) &&
         std::all_of(key.begin(), key.end(), [&](char c) {
           return identifier_start(c) || (c >= '0' && c <= '9') || c == '-';
         });
}

} // namespace

std::string JsonPath::to_string() const {
  if (steps_.empty()) {
    return "(top level)";
  }
  std::string text;
  for (const auto& step : steps_) {
    if (const auto* index = std::get_if<std::size_t>(&step)) {
      text += '[' + std::to_string(*index) + ']';
      continue;
    }
    const auto& key = std::get<std::string>(step);
    if (is_identifier(key)) {
      text += text.empty() ? "" : ".";
      text += key;
    } else {
      text += '[';
      append_json_string(text, key);
      text += ']';
    }
  }
  return text;
}

} // namespace polar::render
