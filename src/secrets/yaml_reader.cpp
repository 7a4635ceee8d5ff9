#include "secrets/yaml_reader.h"

#include <yaml-cpp/yaml.h>

#include <string>
#include <unordered_set>

#include "secrets/detail/scalar.h"
#include "secrets/error.h"

namespace polar::secrets {
namespace {

constexpr std::string_view core_tag_prefix = "tag:yaml.org,2002:";

std::string where(std::string_view source, const YAML::Mark& mark) {
  return std::string(source) + ":" + std::to_string(mark.line + 1) + ":" +
         std::to_string(mark.column + 1);
}

class Reader {
public:
  explicit Reader(std::string_view source) : source_(source) {}

  Node node(const YAML::Node& yaml) {
    switch (yaml.Type()) {
    case YAML::NodeType::Null:
      return Node{Scalar{}};
    case YAML::NodeType::Scalar:
      return Node{scalar(yaml)};
    case YAML::NodeType::Sequence: {
      Sequence items;
      for (const YAML::Node& item : yaml) {
        items.push_back(node(item));
      }
      return Node{std::move(items)};
    }
    case YAML::NodeType::Map:
      return Node{mapping(yaml)};
    case YAML::NodeType::Undefined:
      break;
    }
    throw Error(ErrorKind::input, where(source_, yaml.Mark()) + ": unexpected YAML node");
  }

private:
  Mapping mapping(const YAML::Node& yaml) {
    Mapping entries;
    std::unordered_set<std::string> seen;
    for (const auto& pair : yaml) {
      if (!pair.first.IsScalar()) {
        throw Error(ErrorKind::input, where(source_, pair.first.Mark()) +
                                          ": expected a string key, not a collection");
      }
      std::string key = pair.first.Scalar();
      if (!seen.insert(key).second) {
        throw Error(ErrorKind::input,
                    where(source_, pair.first.Mark()) + ": duplicate key '" + key + "'");
      }
      entries.push_back(Entry{std::move(key), node(pair.second)});
    }
    return entries;
  }

  Scalar scalar(const YAML::Node& yaml) {
    const std::string& tag = yaml.Tag();
    try {
      if (tag == "?") {
        return resolve_plain_scalar(yaml.Scalar());
      }
      if (tag == "!" || tag == std::string(core_tag_prefix) + "str") {
        return {ScalarType::string, yaml.Scalar()};
      }
      if (tag.starts_with(core_tag_prefix)) {
        Scalar resolved = resolve_plain_scalar(yaml.Scalar());
        std::string_view name = std::string_view(tag).substr(core_tag_prefix.size());
        bool fits = (name == "int" && resolved.type == ScalarType::integer) ||
                    (name == "float" && resolved.type == ScalarType::floating) ||
                    (name == "bool" && resolved.type == ScalarType::boolean) ||
                    (name == "null" && resolved.type == ScalarType::null);
        if (fits) {
          return resolved;
        }
      }
    } catch (const Error& error) {
      throw Error(ErrorKind::input, where(source_, yaml.Mark()) + ": " + error.what());
    }
    throw Error(ErrorKind::input, where(source_, yaml.Mark()) +
                                      ": unsupported or mismatched tag (expected str, int, "
                                      "float, bool or null)");
  }

  std::string_view source_;
};

} // namespace

namespace {

std::vector<YAML::Node> load_all(std::string_view text, std::string_view source) {
  try {
    return YAML::LoadAll(std::string(text));
  } catch (const YAML::Exception& error) {
    // yaml-cpp appends the offending text to a few messages (": <char>");
    // only the fixed part before it is kept.
    std::string message = error.msg.substr(0, error.msg.find(": "));
    throw Error(ErrorKind::input, where(source, error.mark) + ": invalid YAML: " + message);
  }
}

} // namespace

Node read_yaml_document(std::string_view text, std::string_view source) {
  std::vector<YAML::Node> documents = load_all(text, source);
  if (documents.size() != 1) {
    throw Error(ErrorKind::input, std::string(source) +
                                      ": expected exactly one YAML document, found " +
                                      std::to_string(documents.size()));
  }
  if (!documents.front().IsMap()) {
    throw Error(ErrorKind::input,
                std::string(source) + ": the top level must be a mapping (sops requires it)");
  }
  return Reader(source).node(documents.front());
}

std::vector<Node> read_yaml_documents(std::string_view text, std::string_view source) {
  std::vector<YAML::Node> documents = load_all(text, source);
  if (documents.empty()) {
    throw Error(ErrorKind::input, std::string(source) + ": expected a YAML document, found none");
  }
  std::vector<Node> nodes;
  Reader reader(source);
  for (const YAML::Node& document : documents) {
    if (!document.IsMap()) {
      std::string which = documents.size() == 1
                              ? std::string()
                              : " of document " + std::to_string(nodes.size() + 1);
      throw Error(ErrorKind::input, std::string(source) + ": the top level" + which +
                                        " must be a mapping (sops requires it)");
    }
    nodes.push_back(reader.node(document));
  }
  return nodes;
}

} // namespace polar::secrets
