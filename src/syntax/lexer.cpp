#include "syntax/detail/lexer.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <utility>

#include "syntax/source_notes.h"

namespace polar::dhall::parsing {
namespace {

constexpr std::array<std::pair<Keyword, std::string_view>, 17> keyword_names = {{
    {Keyword::if_, "if"},
    {Keyword::then_, "then"},
    {Keyword::else_, "else"},
    {Keyword::let_, "let"},
    {Keyword::in_, "in"},
    {Keyword::using_, "using"},
    {Keyword::missing, "missing"},
    {Keyword::assert_, "assert"},
    {Keyword::as_, "as"},
    {Keyword::infinity, "Infinity"},
    {Keyword::nan, "NaN"},
    {Keyword::merge, "merge"},
    {Keyword::some, "Some"},
    {Keyword::to_map, "toMap"},
    {Keyword::forall, "forall"},
    {Keyword::with, "with"},
    {Keyword::show_constructor, "showConstructor"},
}};

std::string code_point_name(std::uint32_t code_point) {
  std::array<char, 16> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "U+%04X", static_cast<unsigned>(code_point));
  return buffer.data();
}

// Decodes the UTF-8 sequence at `at`, returning its length and code point, or
// length 0 when it is malformed (bad continuation, overlong, surrogate, above
// U+10FFFF).
std::pair<std::size_t, std::uint32_t> decode_utf8(std::string_view text, std::size_t at) {
  auto byte = [&](std::size_t i) -> std::uint32_t {
    return at + i < text.size() ? static_cast<unsigned char>(text[at + i]) : 0;
  };
  auto continuation = [&](std::size_t i, std::uint32_t low, std::uint32_t high) {
    return byte(i) >= low && byte(i) <= high;
  };
  std::uint32_t lead = byte(0);
  if (lead >= 0xC2 && lead <= 0xDF && continuation(1, 0x80, 0xBF)) {
    return {2, ((lead & 0x1F) << 6) | (byte(1) & 0x3F)};
  }
  if (lead >= 0xE0 && lead <= 0xEF) {
    std::uint32_t low = lead == 0xE0 ? 0xA0 : 0x80;
    std::uint32_t high = lead == 0xED ? 0x9F : 0xBF; // 0xED A0.. are surrogates
    if (continuation(1, low, high) && continuation(2, 0x80, 0xBF)) {
      return {3, ((lead & 0x0F) << 12) | ((byte(1) & 0x3F) << 6) | (byte(2) & 0x3F)};
    }
  }
  if (lead >= 0xF0 && lead <= 0xF4) {
    std::uint32_t low = lead == 0xF0 ? 0x90 : 0x80;
    std::uint32_t high = lead == 0xF4 ? 0x8F : 0xBF;
    if (continuation(1, low, high) && continuation(2, 0x80, 0xBF) && continuation(3, 0x80, 0xBF)) {
      return {4, ((lead & 0x07) << 18) | ((byte(1) & 0x3F) << 12) | ((byte(2) & 0x3F) << 6) |
                     (byte(3) & 0x3F)};
    }
  }
  return {0, 0};
}

} // namespace

Keyword keyword_from_name(std::string_view name) {
  constexpr std::size_t longest = 15; // showConstructor
  if (name.size() < 2 || name.size() > longest) {
    return Keyword::none;
  }
  for (const auto& [keyword, spelling] : keyword_names) {
    if (spelling[0] == name[0] && spelling == name) {
      return keyword;
    }
  }
  return Keyword::none;
}

std::string_view keyword_name(Keyword keyword) {
  for (const auto& [candidate, spelling] : keyword_names) {
    if (candidate == keyword) {
      return spelling;
    }
  }
  return "";
}

void validate_characters(const SourcePtr& source) {
  std::string_view text = source->text;
  auto fail = [&](std::size_t at, std::size_t length, std::string message) {
    throw Error(
        ErrorKind::parse, std::move(message),
        Span{source, static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at + length)});
  };
  for (std::size_t at = 0; at < text.size();) {
    // Printable ASCII is by far the most common case.
    while (at < text.size() && static_cast<unsigned char>(text[at] - 0x20) < 0x60) {
      ++at;
    }
    if (at == text.size()) {
      break;
    }
    auto byte = static_cast<unsigned char>(text[at]);
    if (byte == '\t' || byte == '\n') {
      ++at;
      continue;
    }
    if (byte == '\r') {
      if (at + 1 < text.size() && text[at + 1] == '\n') {
        at += 2;
        continue;
      }
      fail(at, 1, "a carriage return must be followed by a line feed");
    }
    if (byte < 0x20) {
      fail(at, 1, "the control character " + code_point_name(byte) + " is not allowed");
    }
    auto [length, code_point] = decode_utf8(text, at);
    if (length == 0) {
      fail(at, 1, "invalid UTF-8");
    }
    if ((code_point & 0xFFFE) == 0xFFFE) {
      fail(at, length, "the non-character " + code_point_name(code_point) + " is not allowed");
    }
    at += length;
  }
}

Scanner::Scanner(SourcePtr source) : source_(std::move(source)), text_(source_->text) {
}

std::size_t Scanner::whitespace_end(std::size_t at) const {
  if (at == memo_from_) {
    return memo_to_;
  }
  std::size_t from = at;
  while (at < text_.size()) {
    char c = text_[at];
    if (c == ' ' || c == '\t' || c == '\n') {
      ++at;
    } else if (c == '\r' && char_at(at + 1) == '\n') {
      at += 2;
    } else if (c == '-' && char_at(at + 1) == '-') {
      // A line comment; the last one may end the file without a newline.
      auto newline = text_.find('\n', at);
      std::size_t end = newline == npos ? text_.size() : newline;
      if (notes_ != nullptr) [[unlikely]] {
        note_comment(at, end > at && text_[end - 1] == '\r' ? end - 1 : end);
      }
      at = newline == npos ? text_.size() : newline + 1;
    } else if (c == '{' && char_at(at + 1) == '-') {
      std::size_t begin = at;
      at = skip_block_comment(at);
      if (notes_ != nullptr) [[unlikely]] {
        note_comment(begin, at);
      }
    } else {
      break;
    }
  }
  memo_from_ = from;
  memo_to_ = at;
  return at;
}

void Scanner::note_comment(std::size_t begin, std::size_t end) const {
  auto& comments = notes_->comments;
  auto at = std::lower_bound(comments.begin(), comments.end(), begin,
                             [](const Comment& c, std::size_t b) { return c.begin < b; });
  if (at == comments.end() || at->begin != begin) {
    comments.insert(at,
                    Comment{static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end)});
  }
}

std::size_t Scanner::skip_block_comment(std::size_t at) const {
  // Nested comments are counted rather than recursed into, so hostile input
  // cannot exhaust the stack.
  std::size_t begin = at;
  std::size_t depth = 0;
  while (at < text_.size()) {
    if (text_[at] == '{' && char_at(at + 1) == '-') {
      ++depth;
      at += 2;
    } else if (text_[at] == '-' && char_at(at + 1) == '}') {
      at += 2;
      if (--depth == 0) {
        return at;
      }
    } else {
      ++at;
    }
  }
  fail(begin, begin + 2, "unterminated block comment");
}

void Scanner::skip_required_whitespace(std::string_view after) {
  std::size_t end = whitespace_end(pos_);
  if (end == pos_) {
    fail_expected(pos_, "whitespace after " + std::string(after));
  }
  pos_ = end;
}

std::size_t Scanner::simple_label_end(std::size_t at) const {
  if (!is_label_first_char(char_at(at))) {
    return at;
  }
  ++at;
  while (at < text_.size() && is_label_next_char(text_[at])) {
    ++at;
  }
  return at;
}

Keyword Scanner::keyword_at(std::size_t at) const {
  std::size_t end = simple_label_end(at);
  if (end == at) {
    return Keyword::none;
  }
  return keyword_from_name(text_.substr(at, end - at));
}

std::size_t Scanner::char_length(std::size_t at) const {
  auto lead = static_cast<unsigned char>(char_at(at));
  if (lead >= 0xF0) {
    return 4;
  }
  if (lead >= 0xE0) {
    return 3;
  }
  if (lead >= 0xC0) {
    return 2;
  }
  return 1;
}

std::string Scanner::describe(std::size_t at) const {
  if (at_end(at)) {
    return "end of input";
  }
  char c = text_[at];
  if (c == '\n' || c == '\r') {
    return "a newline";
  }
  if (c == '\t') {
    return "a tab";
  }
  if (c == ' ') {
    return "a space";
  }
  std::size_t end = simple_label_end(at);
  if (end == at) {
    end = at + char_length(at);
  }
  constexpr std::size_t longest_shown = 40;
  std::string_view token = text_.substr(at, end - at);
  if (token.size() > longest_shown) {
    return "`" + std::string(token.substr(0, longest_shown)) + "...`";
  }
  return "`" + std::string(token) + "`";
}

Span Scanner::span(std::size_t begin, std::size_t end) const {
  end = std::min(end, text_.size());
  begin = std::min(begin, end);
  return Span{source_, static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end)};
}

void Scanner::fail(std::size_t at, std::size_t end, std::string message) const {
  throw Error(ErrorKind::parse, std::move(message), span(at, end));
}

void Scanner::fail_at(std::size_t at, std::string message) const {
  std::size_t end = simple_label_end(at);
  if (end == at) {
    end = at_end(at) ? at : at + char_length(at);
  }
  fail(at, end, std::move(message));
}

void Scanner::fail_expected(std::size_t at, std::string_view what) const {
  fail_at(at, "expected " + std::string(what) + ", found " + describe(at));
}

void Scanner::expect(std::string_view token, std::string_view context) {
  if (!looking_at(token)) {
    fail_expected(pos_, "`" + std::string(token) + "` " + std::string(context));
  }
  pos_ += token.size();
}

} // namespace polar::dhall::parsing
