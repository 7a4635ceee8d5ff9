#pragma once
// JSON data as JSON text, as dhall-to-json writes it.
#include <cstddef>
#include <string>
#include <vector>

#include "render/detail/json_events.h"
#include "render/json.h"
#include "render/text_sink.h"

namespace polar::render {

enum class JsonLayout {
  pretty,  // two-space indentation, one element per line (aeson-pretty)
  compact, // one line (--compact)
};

// Writes the events of one JSON value to `sink` as they come, in pieces
// (text_piece_size): keys in the order they come (code point order),
// numbers and string escapes as dhall-to-json prints them. Ends with a line
// break, sent with the rest by finish().
class JsonTextWriter final : public JsonEvents {
public:
  JsonTextWriter(JsonLayout layout, TextSink& sink)
      : pretty_(layout == JsonLayout::pretty), sink_(sink) {}

  void null() override;
  void boolean(bool value) override;
  void number(const JsonNumber& value) override;
  void string(std::string_view value) override;
  void begin_array() override;
  void end_array() override;
  void begin_object() override;
  void key(std::string_view key) override;
  void end_object() override;

  // Sends what is left of the text; call once the value is complete.
  void finish();

private:
  void before_value();
  void begin(char open);
  void end(char close);
  void after_value();
  void new_line(std::size_t depth);

  bool pretty_;
  TextSink& sink_;
  std::string out_;
  // Per open collection: whether it has had an element yet.
  std::vector<bool> has_elements_;
  bool after_key_ = false;
};

// The whole text of `value`.
std::string write_json(const Json& value, JsonLayout layout = JsonLayout::pretty);

} // namespace polar::render
