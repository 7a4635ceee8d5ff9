#include "render/json_writer.h"

#include "render/number_format.h"
#include "render/string_escape.h"

namespace polar::render {

// An element of an array starts on a line of its own; a member's value
// follows its key.
void JsonTextWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!has_elements_.empty()) {
    out_ += has_elements_.back() ? "," : "";
    has_elements_.back() = true;
    new_line(has_elements_.size());
  }
}

void JsonTextWriter::after_value() {
  if (has_elements_.empty()) {
    out_ += '\n';
  }
  if (out_.size() >= text_piece_size) {
    sink_.write(out_);
    out_.clear();
  }
}

void JsonTextWriter::null() {
  before_value();
  out_ += "null";
  after_value();
}

void JsonTextWriter::boolean(bool value) {
  before_value();
  out_ += value ? "true" : "false";
  after_value();
}

void JsonTextWriter::number(const JsonNumber& value) {
  before_value();
  out_ += format_number(value);
  after_value();
}

void JsonTextWriter::string(std::string_view value) {
  before_value();
  append_json_string(out_, value);
  after_value();
}

void JsonTextWriter::begin(char open) {
  before_value();
  out_ += open;
  has_elements_.push_back(false);
}

void JsonTextWriter::end(char close) {
  bool had_elements = has_elements_.back();
  has_elements_.pop_back();
  if (had_elements) {
    new_line(has_elements_.size());
  }
  out_ += close;
  after_value();
}

void JsonTextWriter::begin_array() {
  begin('[');
}

void JsonTextWriter::end_array() {
  end(']');
}

void JsonTextWriter::begin_object() {
  begin('{');
}

void JsonTextWriter::end_object() {
  end('}');
}

void JsonTextWriter::key(std::string_view key) {
  before_value();
  append_json_string(out_, key);
  out_ += pretty_ ? ": " : ":";
  after_key_ = true;
}

void JsonTextWriter::new_line(std::size_t depth) {
  if (pretty_) {
    out_ += '\n';
    out_.append(2 * depth, ' ');
  }
}

void JsonTextWriter::finish() {
  sink_.write(out_);
  out_.clear();
}

std::string write_json(const Json& value, JsonLayout layout) {
  StringSink sink;
  JsonTextWriter writer(layout, sink);
  emit_json(value, writer);
  writer.finish();
  return sink.take();
}

} // namespace polar::render
