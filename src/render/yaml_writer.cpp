#include "render/detail/yaml_writer.h"

#include "render/detail/yaml_comment.h"
#include "render/number_format.h"
#include "render/yaml_scalar.h"

namespace polar::render {
namespace {

// YAML reads implicit keys only up to 1024 characters; longer keys are
// written in the explicit `? key` form.
constexpr std::size_t longest_implicit_key = 1024;

} // namespace

YamlTextWriter::YamlTextWriter(const YamlOptions& options, TextSink& sink)
    : quoted_(options.quoted), documents_(options.documents), sink_(sink),
      out_(options.generated_comment ? generated_comment_line : "") {
  out_ += yaml_comment_from_dhall_header(options.dhall_header);
}

// Before a value: a document's `---`, or an item's `- ` (a member's key is
// written already).
void YamlTextWriter::start_value() {
  if (open_.empty()) {
    if (documents_ && (document_list_ || !started_)) {
      out_ += "---\n";
    }
    started_ = true;
    slot_ = Slot{};
    return;
  }
  Open& parent = open_.back();
  if (!parent.is_object) {
    start_element(parent);
    out_ += "- ";
    slot_ = Slot{parent.slot.level + 1, Position::after_dash, false};
  }
}

// The first element shows that `open` is not empty: its key ends with `:`
// alone, and its elements start on lines of their own, the first one on
// the line of its `- ` or at the start of the document.
void YamlTextWriter::start_element(Open& open) {
  if (open.first && open.slot.after_key) {
    out_ += ':';
  }
  if (!open.first || open.slot.position == Position::after_key) {
    new_line(open.slot.level);
  }
  open.first = false;
}

void YamlTextWriter::scalar_text(std::string_view text) {
  start_value();
  out_ += slot_.after_key ? ": " : "";
  out_ += text;
  end_value();
}

// After a value: the end of a document ends its line.
void YamlTextWriter::end_value() {
  if (open_.empty()) {
    out_ += '\n';
  }
  if (out_.size() >= text_piece_size) {
    sink_.write(out_);
    out_.clear();
  }
}

void YamlTextWriter::null() {
  scalar_text("null");
}

void YamlTextWriter::boolean(bool value) {
  scalar_text(value ? "true" : "false");
}

void YamlTextWriter::number(const JsonNumber& value) {
  scalar_text(format_number(value));
}

void YamlTextWriter::string(std::string_view value) {
  start_value();
  out_ += slot_.after_key ? ": " : "";
  bool document_level = slot_.position == Position::document;
  append_yaml_string(out_, value,
                     ScalarPlacement{.document_level = document_level,
                                     .block_indentation = 2 * (document_level ? 1 : slot_.level),
                                     .always_quote = quoted_});
  end_value();
}

void YamlTextWriter::begin(bool is_object) {
  start_value();
  open_.push_back(Open{is_object, slot_});
}

void YamlTextWriter::end() {
  Open open = open_.back();
  open_.pop_back();
  if (open.first) {
    out_ += open.slot.after_key ? ": " : "";
    out_ += open.is_object ? "{}" : "[]";
  }
  end_value();
}

void YamlTextWriter::begin_array() {
  if (documents_ && !started_) {
    started_ = true;
    document_list_ = true; // each element a document
    return;
  }
  begin(false);
}

void YamlTextWriter::end_array() {
  if (open_.empty()) {
    return; // the end of the list of documents
  }
  end();
}

void YamlTextWriter::begin_object() {
  begin(true);
}

void YamlTextWriter::end_object() {
  end();
}

void YamlTextWriter::key(std::string_view key) {
  Open& object = open_.back();
  start_element(object);
  write_key(key, object.slot.level);
  slot_ = Slot{object.slot.level + 1, Position::after_key, true};
}

void YamlTextWriter::write_key(std::string_view key, std::size_t level) {
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

void YamlTextWriter::new_line(std::size_t level) {
  out_ += '\n';
  out_.append(2 * level, ' ');
}

void YamlTextWriter::finish() {
  sink_.write(out_);
  out_.clear();
}

std::string write_yaml(const Json& value, const YamlOptions& options) {
  StringSink sink;
  YamlTextWriter writer(options, sink);
  emit_json(value, writer);
  writer.finish();
  return sink.take();
}

} // namespace polar::render
