#include "syntax/source.h"

#include <algorithm>

#include "syntax/detail/source_excerpt.h"

namespace polar::dhall {
namespace {

bool is_utf8_continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

std::uint32_t code_points(std::string_view text) {
  return static_cast<std::uint32_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return !is_utf8_continuation(c); }));
}

} // namespace

LineColumn line_column(const SourceFile& file, std::uint32_t offset) {
  offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(file.text.size()));
  std::string_view before(file.text.data(), offset);
  auto line_start = before.rfind('\n');
  line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
  auto lines = static_cast<std::uint32_t>(std::count(before.begin(), before.end(), '\n'));
  return {lines + 1, code_points(before.substr(line_start)) + 1};
}

Error::Error(ErrorKind kind, std::string message, Span span)
    : std::runtime_error(message), kind_(kind), message_(std::move(message)),
      span_(std::move(span)) {
}

Error Error::absent_import(std::string message, Span span) {
  Error error(ErrorKind::import, std::move(message), std::move(span));
  error.absent_import_ = true;
  return error;
}

void Error::add_note(std::string note) {
  notes_.push_back(std::move(note));
}

Error Error::at(Span span) const {
  Error copy = *this;
  copy.span_ = std::move(span);
  return copy;
}

Error Error::with_message(std::string message) const {
  return with_message(std::move(message), notes_);
}

Error Error::with_message(std::string message, std::vector<std::string> notes) const {
  // A new runtime_error: what() is the new message.
  Error copy(kind_, std::move(message), span_);
  copy.notes_ = std::move(notes);
  copy.source_line_hidden_ = source_line_hidden_;
  copy.absent_import_ = absent_import_;
  return copy;
}

std::string Error::format() const {
  std::string out;
  if (span_.known()) {
    auto position = line_column(*span_.file, span_.begin);
    out += span_.file->name + ":" + std::to_string(position.line) + ":" +
           std::to_string(position.column) + ": ";
    out += "error: " + message_ + "\n";
    if (!source_line_hidden_) {
      out += source_excerpt(span_.file->text, span_.begin, span_.end);
    }
  } else {
    out += "error: " + message_ + "\n";
  }
  for (const auto& note : notes_) {
    out += "  " + note + "\n";
  }
  return out;
}

} // namespace polar::dhall
