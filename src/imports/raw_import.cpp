#include "imports/detail/raw_import.h"

#include <cstdint>

namespace polar::dhall {
namespace {

// The length of the UTF-8 sequence starting at `text[at]`, or 0 when it is
// not a valid, shortest-form encoding of a Unicode scalar value.
std::size_t utf8_sequence_length(std::string_view text, std::size_t at) {
  auto byte = [&](std::size_t i) { return static_cast<std::uint8_t>(text[at + i]); };
  std::uint8_t lead = byte(0);
  if (lead < 0x80) {
    return 1;
  }
  std::size_t length = 0;
  std::uint32_t code_point = 0;
  std::uint32_t minimum = 0;
  if ((lead & 0xE0) == 0xC0) {
    length = 2;
    code_point = lead & 0x1Fu;
    minimum = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3;
    code_point = lead & 0x0Fu;
    minimum = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4;
    code_point = lead & 0x07u;
    minimum = 0x10000;
  } else {
    return 0;
  }
  if (at + length > text.size()) {
    return 0;
  }
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(i) & 0xC0) != 0x80) {
      return 0;
    }
    code_point = (code_point << 6) | (byte(i) & 0x3Fu);
  }
  bool surrogate = code_point >= 0xD800 && code_point <= 0xDFFF;
  if (code_point < minimum || code_point > 0x10FFFF || surrogate) {
    return 0;
  }
  return length;
}

bool is_valid_utf8(std::string_view text) {
  for (std::size_t at = 0; at < text.size();) {
    std::size_t length = utf8_sequence_length(text, at);
    if (length == 0) {
      return false;
    }
    at += length;
  }
  return true;
}

} // namespace

std::optional<ExprPtr> text_literal(std::string contents, const Span& span) {
  if (!is_valid_utf8(contents)) {
    return std::nullopt;
  }
  return make_expr(TextLit{{}, std::move(contents)}, span);
}

ExprPtr bytes_literal(std::string_view contents, const Span& span) {
  return make_expr(BytesLit{std::vector<std::uint8_t>(contents.begin(), contents.end())}, span);
}

} // namespace polar::dhall
