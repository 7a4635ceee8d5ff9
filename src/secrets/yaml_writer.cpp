#include "secrets/yaml_writer.h"

#include "render/yaml_scalar.h"
#include "secrets/detail/sops_value.h"

namespace polar::secrets {
namespace {

bool is_nonempty_collection(const Node& node) {
  if (const auto* mapping = node.as<Mapping>()) {
    return !mapping->empty();
  }
  if (const auto* sequence = node.as<Sequence>()) {
    return !sequence->empty();
  }
  return false;
}

// Go's shortest float text, spelled so that YAML reads a float back.
std::string yaml_float(const std::string& text) {
  if (text == "NaN") {
    return ".nan";
  }
  if (text == "+Inf") {
    return ".inf";
  }
  if (text == "-Inf") {
    return "-.inf";
  }
  return text.find_first_of(".eE") == std::string::npos ? text + ".0" : text;
}

class Writer {
public:
  explicit Writer(const YamlLayout& layout) : layout_(layout) {}

  std::string document(const Node& node) {
    const auto& mapping = std::get<Mapping>(node.value);
    if (mapping.empty()) {
      out_ = "{}";
    } else {
      write_mapping(mapping, 0, false, true);
    }
    out_ += '\n';
    return std::move(out_);
  }

private:
  // `in_item`: the mapping starts after a sequence item's `- `, where
  // go-yaml and polar-helm nest two columns deeper than its keys.
  void write_mapping(const Mapping& mapping, std::size_t column, bool in_item, bool inline_first) {
    const std::size_t child = column + (in_item ? 2 : layout_.indent);
    bool first = true;
    for (const Entry& entry : mapping) {
      if (!first || !inline_first) {
        new_line(column);
      }
      first = false;
      render::append_yaml_string(out_, entry.key, render::ScalarPlacement{.is_key = true});
      out_ += ':';
      write_value(entry.value, child);
    }
  }

  void write_sequence(const Sequence& sequence, std::size_t column, bool inline_first) {
    bool first = true;
    for (const Node& item : sequence) {
      if (!first || !inline_first) {
        new_line(column);
      }
      first = false;
      out_ += "- ";
      if (const auto* mapping = item.as<Mapping>(); mapping && !mapping->empty()) {
        write_mapping(*mapping, column + 2, true, true);
      } else if (const auto* nested = item.as<Sequence>(); nested && !nested->empty()) {
        write_sequence(*nested, column + 2, true);
      } else {
        write_scalar_or_empty(item, column + 2);
      }
    }
  }

  // After `key:`: a nested collection on the next lines, or ` value`.
  void write_value(const Node& value, std::size_t child) {
    if (!is_nonempty_collection(value)) {
      out_ += ' ';
      write_scalar_or_empty(value, child);
    } else if (const auto* mapping = value.as<Mapping>()) {
      write_mapping(*mapping, child, false, false);
    } else {
      write_sequence(std::get<Sequence>(value.value), child, false);
    }
  }

  void write_scalar_or_empty(const Node& node, std::size_t block_indentation) {
    if (node.as<Mapping>()) {
      out_ += "{}";
      return;
    }
    if (node.as<Sequence>()) {
      out_ += "[]";
      return;
    }
    const Scalar& scalar = std::get<Scalar>(node.value);
    switch (scalar.type) {
    case ScalarType::null:
      out_ += "null";
      return;
    case ScalarType::boolean:
      out_ += scalar.text == "True" ? "true" : "false";
      return;
    case ScalarType::integer:
      out_ += scalar.text;
      return;
    case ScalarType::floating:
      out_ += yaml_float(scalar.text);
      return;
    case ScalarType::string:
      if (layout_.plain_sops_values && is_sops_value(scalar.text)) {
        out_ += scalar.text;
      } else {
        render::append_yaml_string(out_, scalar.text,
                                   render::ScalarPlacement{.block_indentation = block_indentation});
      }
      return;
    }
  }

  void new_line(std::size_t column) {
    if (!out_.empty()) {
      out_ += '\n';
    }
    out_.append(column, ' ');
  }

  const YamlLayout& layout_;
  std::string out_;
};

} // namespace

std::string write_yaml_document(const Node& document, const YamlLayout& layout) {
  return Writer(layout).document(document);
}

std::string write_yaml_documents(const std::vector<Node>& documents, const YamlLayout& layout) {
  std::string out;
  for (const Node& document : documents) {
    out += out.empty() ? "" : "---\n";
    out += write_yaml_document(document, layout);
  }
  return out;
}

} // namespace polar::secrets
