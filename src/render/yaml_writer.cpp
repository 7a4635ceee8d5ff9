#include "render/yaml_writer.h"

#include <cstddef>

#include "render/number_format.h"
#include "render/yaml_comment.h"
#include "render/yaml_scalar.h"

namespace polar::render {
namespace {

// YAML reads implicit keys only up to 1024 characters; longer keys are
// written in the explicit `? key` form.
constexpr std::size_t longest_implicit_key = 1024;

// Where a node starts: at the start of a document, after `key:`, or after a
// sequence item's `- `.
enum class Position { document, after_key, after_dash };

bool is_nonempty_collection(const Json& value) {
  if (const auto* array = value.as<JsonArray>()) {
    return !array->empty();
  }
  if (const auto* object = value.as<JsonObject>()) {
    return !object->empty();
  }
  return false;
}

class YamlWriter {
public:
  explicit YamlWriter(bool quoted) : quoted_(quoted) {}

  std::string document(const Json& value) {
    out_.clear();
    write(value, 0, Position::document);
    out_ += '\n';
    return std::move(out_);
  }

private:
  void write(const Json& value, std::size_t level, Position position) {
    if (const auto* object = value.as<JsonObject>(); object && !object->empty()) {
      write_object(*object, level, position);
    } else if (const auto* array = value.as<JsonArray>(); array && !array->empty()) {
      write_array(*array, level, position);
    } else {
      write_scalar(value, level, position);
    }
  }

  void write_object(const JsonObject& object, std::size_t level, Position position) {
    bool first = true;
    for (const auto& [key, field] : object) {
      if (!first || position == Position::after_key) {
        new_line(level);
      }
      first = false;
      write_key(key, level);
      out_ += is_nonempty_collection(field) ? ":" : ": ";
      write(field, level + 1, Position::after_key);
    }
  }

  void write_array(const JsonArray& array, std::size_t level, Position position) {
    bool first = true;
    for (const Json& item : array) {
      if (!first || position == Position::after_key) {
        new_line(level);
      }
      first = false;
      out_ += "- ";
      write(item, level + 1, Position::after_dash);
    }
  }

  void write_key(const std::string& key, std::size_t level) {
    std::string text;
    append_yaml_string(text, key, ScalarPlacement{.is_key = true, .always_quote = quoted_});
    if (text.size() <= longest_implicit_key) {
      out_ += text;
      return;
    }
    out_ += "? ";
    out_ += text;
    new_line(level);
  }

  void write_scalar(const Json& value, std::size_t level, Position position) {
    std::visit(
        [&](const auto& scalar) {
          using T = std::decay_t<decltype(scalar)>;
          if constexpr (std::is_same_v<T, std::nullptr_t>) {
            out_ += "null";
          } else if constexpr (std::is_same_v<T, bool>) {
            out_ += scalar ? "true" : "false";
          } else if constexpr (std::is_same_v<T, JsonNumber>) {
            out_ += format_number(scalar);
          } else if constexpr (std::is_same_v<T, std::string>) {
            bool document_level = position == Position::document;
            append_yaml_string(
                out_, scalar,
                ScalarPlacement{.document_level = document_level,
                                .block_indentation = 2 * (document_level ? 1 : level),
                                .always_quote = quoted_});
          } else if constexpr (std::is_same_v<T, JsonArray>) {
            out_ += "[]";
          } else {
            out_ += "{}";
          }
        },
        value.value());
  }

  void new_line(std::size_t level) {
    out_ += '\n';
    out_.append(2 * level, ' ');
  }

  bool quoted_;
  std::string out_;
};

} // namespace

std::string write_yaml(const Json& value, const YamlOptions& options) {
  std::string out(options.generated_comment ? generated_comment_line : "");
  out += yaml_comment_from_dhall_header(options.dhall_header);
  YamlWriter writer(options.quoted);
  if (!options.documents) {
    return out + writer.document(value);
  }
  const auto* documents = value.as<JsonArray>();
  if (documents == nullptr) {
    return out + "---\n" + writer.document(value);
  }
  for (const Json& document : *documents) {
    out += "---\n";
    out += writer.document(document);
  }
  return out;
}

} // namespace polar::render
