#include "yaml_reading.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <regex>
#include <stdexcept>
#include <string_view>

namespace polar::render::testing {
namespace {

bool matches(const std::string& text, const char* pattern) {
  return std::regex_match(text, std::regex(pattern));
}

bool matches_any(const std::string& text, const std::vector<std::regex>& patterns) {
  return std::any_of(patterns.begin(), patterns.end(),
                     [&](const std::regex& pattern) { return std::regex_match(text, pattern); });
}

bool is_null_word(const std::string& text) {
  return text.empty() || matches(text, "~|null|Null|NULL");
}

std::optional<bool> boolean_word(const std::string& text) {
  if (matches(text, "y|Y|yes|Yes|YES|true|True|TRUE|on|On|ON")) {
    return true;
  }
  if (matches(text, "n|N|no|No|NO|false|False|FALSE|off|Off|OFF")) {
    return false;
  }
  return std::nullopt;
}

// Integers, floats and timestamps of YAML 1.1 (tag repository) and of the
// YAML 1.2 core schema, and 1.1's merge and value keys.
bool is_other_yaml_type(const std::string& text) {
  // Every one of them starts with one of these: a cheap filter before the
  // regular expressions.
  if (text.empty() ||
      std::string_view("0123456789+-.<=").find(text.front()) == std::string_view::npos) {
    return false;
  }
  static const std::vector<std::regex> patterns = {
      std::regex(R"([-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)"),
      std::regex(R"([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?)"),
      std::regex(R"([-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))"),
      std::regex(R"([-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+)"),
      std::regex(R"([-+]?[1-9][0-9_]*(:[0-5]?[0-9])+)"),
      std::regex(R"([-+]?([0-9][0-9_]*)?\.[0-9.]*([eE][-+][0-9]+)?)"),
      std::regex(R"([-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*)"),
      std::regex(
          R"([0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(([Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](\.[0-9]*)?([ \t]*Z|[-+][0-9][0-9]?(:[0-9][0-9])?)?)?)"),
      std::regex(R"(<<|=)"),
  };
  return matches_any(text, patterns);
}

Json resolve_plain(const std::string& text) {
  if (is_null_word(text)) {
    return Json::null();
  }
  if (auto boolean = boolean_word(text)) {
    return Json::boolean(*boolean);
  }
  if (is_other_yaml_type(text)) {
    if (auto number = JsonNumber::parse(text)) {
      return Json::number(*number);
    }
    throw std::runtime_error("plain scalar `" + text + "` is not a string to some YAML reader");
  }
  return Json::string(text);
}

Json to_json(const YAML::Node& node) {
  switch (node.Type()) {
  case YAML::NodeType::Null:
  case YAML::NodeType::Undefined:
    return Json::null();
  case YAML::NodeType::Scalar:
    return node.Tag() == "!" ? Json::string(node.Scalar()) : resolve_plain(node.Scalar());
  case YAML::NodeType::Sequence: {
    JsonArray items;
    for (const auto& item : node) {
      items.push_back(to_json(item));
    }
    return Json::array(std::move(items));
  }
  case YAML::NodeType::Map: {
    JsonObject fields;
    for (const auto& entry : node) {
      Json key = to_json(entry.first);
      if (!key.as<std::string>()) {
        throw std::runtime_error("key `" + entry.first.Scalar() + "` is not a string");
      }
      fields.emplace(*key.as<std::string>(), to_json(entry.second));
    }
    return Json::object(std::move(fields));
  }
  }
  throw std::logic_error("unknown YAML node type");
}

} // namespace

std::vector<Json> read_yaml_documents(const std::string& yaml) {
  std::vector<Json> documents;
  for (const auto& document : YAML::LoadAll(yaml)) {
    documents.push_back(to_json(document));
  }
  return documents;
}

} // namespace polar::render::testing
