#include "render/json_writer.h"

#include <cstddef>

#include "render/number_format.h"
#include "render/string_escape.h"

namespace polar::render {
namespace {

class JsonWriter {
public:
  explicit JsonWriter(JsonLayout layout) : pretty_(layout == JsonLayout::pretty) {}

  std::string text(const Json& value) {
    write(value, 0);
    out_ += '\n';
    return std::move(out_);
  }

private:
  void write(const Json& value, std::size_t depth) {
    std::visit(
        [&](const auto& node) {
          using T = std::decay_t<decltype(node)>;
          if constexpr (std::is_same_v<T, std::nullptr_t>) {
            out_ += "null";
          } else if constexpr (std::is_same_v<T, bool>) {
            out_ += node ? "true" : "false";
          } else if constexpr (std::is_same_v<T, JsonNumber>) {
            out_ += format_number(node);
          } else if constexpr (std::is_same_v<T, std::string>) {
            append_json_string(out_, node);
          } else if constexpr (std::is_same_v<T, JsonArray>) {
            write_collection('[', ']', node, depth,
                             [&](const Json& item) { write(item, depth + 1); });
          } else {
            write_collection('{', '}', node, depth, [&](const auto& field) {
              append_json_string(out_, field.first);
              out_ += pretty_ ? ": " : ":";
              write(field.second, depth + 1);
            });
          }
        },
        value.value());
  }

  template <typename Collection, typename WriteElement>
  void write_collection(char open, char close, const Collection& elements, std::size_t depth,
                        WriteElement write_element) {
    out_ += open;
    bool first = true;
    for (const auto& element : elements) {
      out_ += first ? "" : ",";
      first = false;
      new_line(depth + 1);
      write_element(element);
    }
    if (!elements.empty()) {
      new_line(depth);
    }
    out_ += close;
  }

  void new_line(std::size_t depth) {
    if (pretty_) {
      out_ += '\n';
      out_.append(2 * depth, ' ');
    }
  }

  bool pretty_;
  std::string out_;
};

} // namespace

std::string write_json(const Json& value, JsonLayout layout) {
  return JsonWriter(layout).text(value);
}

} // namespace polar::render
