#include "syntax/source.h"

#include <algorithm>

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

void Error::add_note(std::string note) {
  notes_.push_back(std::move(note));
}

std::string Error::format() const {
  std::string out;
  if (span_.known()) {
    auto position = line_column(*span_.file, span_.begin);
    out += span_.file->name + ":" + std::to_string(position.line) + ":" +
           std::to_string(position.column) + ": ";
    out += "error: " + message_ + "\n";
  }
  if (span_.known() && !source_line_hidden_) {
    const std::string& text = span_.file->text;
    std::size_t begin = std::min<std::size_t>(span_.begin, text.size());
    std::size_t line_start = text.rfind('\n', begin == 0 ? 0 : begin - 1);
    line_start = (line_start == std::string::npos || begin == 0) ? 0 : line_start + 1;
    if (begin > 0 && text[begin - 1] == '\n') {
      line_start = begin;
    }
    std::size_t line_end = text.find('\n', begin);
    if (line_end == std::string::npos) {
      line_end = text.size();
    }
    std::string_view line(text.data() + line_start, line_end - line_start);
    std::size_t end = std::clamp<std::size_t>(span_.end, begin + 1, line_end);
    auto indent = code_points(std::string_view(text.data() + line_start, begin - line_start));
    auto width = std::max<std::uint32_t>(
        1, code_points(std::string_view(text.data() + begin, end > begin ? end - begin : 0)));
    out += "    " + std::string(line) + "\n";
    out += "    " + std::string(indent, ' ') + "^" + std::string(width - 1, '~') + "\n";
  }
  if (!span_.known()) {
    out += "error: " + message_ + "\n";
  }
  for (const auto& note : notes_) {
    out += "  " + note + "\n";
  }
  return out;
}

} // namespace polar::dhall
