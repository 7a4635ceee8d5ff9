// Text literals: "double-quoted" with escapes and ''multi-line'' with
// indentation stripping (multiline.md), both with ${interpolation}.
#include <algorithm>

#include "syntax/detail/parser_impl.h"

namespace polar::dhall::parsing {
namespace {

void append_utf8(std::string& out, std::uint32_t code_point) {
  if (code_point < 0x80) {
    out += static_cast<char>(code_point);
  } else if (code_point < 0x800) {
    out += static_cast<char>(0xC0 | (code_point >> 6));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else if (code_point < 0x10000) {
    out += static_cast<char>(0xE0 | (code_point >> 12));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code_point >> 18));
    out += static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  }
}

// Characters a double-quoted literal copies as they are.
bool is_plain_double_quote_char(char c) {
  auto byte = static_cast<unsigned char>(c);
  return byte >= 0x20 && c != '"' && c != '\\' && c != '$';
}

// Characters a multi-line literal copies as they are.
bool is_plain_single_quote_char(char c) {
  auto byte = static_cast<unsigned char>(c);
  return (byte >= 0x20 && c != '\'' && c != '$') || c == '\n' || c == '\t';
}

std::size_t indentation_length(std::string_view text, std::size_t at) {
  std::size_t end = at;
  while (end < text.size() && (text[end] == ' ' || text[end] == '\t')) {
    ++end;
  }
  return end - at;
}

} // namespace

void Parser::parse_interpolation(TextLit& literal, std::string& current, std::uint32_t& depth) {
  pos_ = whitespace_end(pos_ + 2); // "${"
  Parsed expression = parse_expression();
  expect_after_expression("}", "to close the interpolation `${`");
  depth = std::max(depth, expression.depth);
  literal.chunks.push_back({std::move(current), std::move(expression.expr)});
  current.clear();
}

Parsed Parser::parse_double_quoted_text() {
  std::size_t begin = pos_;
  ++pos_; // '"'
  TextLit literal;
  std::string current;
  std::uint32_t depth = 0;
  for (;;) {
    std::size_t run = pos_;
    while (run < text_.size() && is_plain_double_quote_char(text_[run])) {
      ++run;
    }
    current.append(text_.substr(pos_, run - pos_));
    pos_ = run;
    if (at_end()) {
      fail(begin, begin + 1, "unterminated text literal");
    }
    switch (peek()) {
    case '"':
      ++pos_;
      literal.tail = std::move(current);
      return make(std::move(literal), begin, depth);
    case '\\':
      parse_escape(current);
      break;
    case '$':
      if (peek(1) == '{') {
        parse_interpolation(literal, current, depth);
      } else {
        current += '$';
        ++pos_;
      }
      break;
    case '\t':
      fail_at(pos_, "a double-quoted text literal cannot contain a tab (write \\t)");
    default: // a line ending
      fail_at(pos_, "unterminated text literal (to span lines, write \\n or use a multi-line "
                    "'' literal)");
    }
  }
}

void Parser::parse_escape(std::string& out) {
  std::size_t begin = pos_;
  if (at_end(pos_ + 1)) {
    fail(begin, begin + 1, "unterminated text literal");
  }
  char c = peek(1);
  pos_ += 2;
  switch (c) {
  case '"':
  case '$':
  case '\\':
  case '/':
    out += c;
    return;
  case 'b':
    out += '\b';
    return;
  case 'f':
    out += '\f';
    return;
  case 'n':
    out += '\n';
    return;
  case 'r':
    out += '\r';
    return;
  case 't':
    out += '\t';
    return;
  case 'u':
    break;
  default:
    fail(begin, begin + 1 + char_length(begin + 1), "invalid escape sequence");
  }
  std::uint32_t code_point = 0;
  if (peek() == '{') {
    // 1 to 6 significant hexadecimal digits, after any number of zeros.
    std::size_t digits = ++pos_;
    while (peek() == '0') {
      ++pos_;
    }
    std::size_t significant = pos_;
    while (is_hex_digit(peek())) {
      if (pos_ - significant >= 6) {
        fail(begin, pos_ + 1, "invalid Unicode escape: out of range (the largest is \\u{10FFFD})");
      }
      code_point = code_point * 16 + hex_value(peek());
      ++pos_;
    }
    if (pos_ == digits) {
      fail_expected(pos_, "hexadecimal digits in the Unicode escape");
    }
    expect("}", "to close the Unicode escape");
  } else {
    for (int i = 0; i < 4; ++i) {
      if (!is_hex_digit(peek())) {
        fail_expected(pos_, "four hexadecimal digits or `{` after `\\u`");
      }
      code_point = code_point * 16 + hex_value(peek());
      ++pos_;
    }
  }
  if (code_point > 0x10FFFF) {
    fail(begin, pos_, "invalid Unicode escape: out of range (the largest is \\u{10FFFD})");
  }
  if (code_point >= 0xD800 && code_point <= 0xDFFF) {
    fail(begin, pos_, "invalid Unicode escape: surrogate code points are not characters");
  }
  if ((code_point & 0xFFFE) == 0xFFFE) {
    fail(begin, pos_,
         "invalid Unicode escape: U+FFFE, U+FFFF and their counterparts in other "
         "planes are non-characters");
  }
  append_utf8(out, code_point);
}

Parsed Parser::parse_single_quoted_text() {
  std::size_t begin = pos_;
  pos_ += 2; // "''"
  if (peek() == '\n') {
    ++pos_;
  } else if (looking_at("\r\n")) {
    pos_ += 2;
  } else {
    fail_expected(pos_, "a newline after the opening `''` of a multi-line text literal");
  }
  TextLit literal;
  std::string current;
  std::uint32_t depth = 0;
  for (;;) {
    std::size_t run = pos_;
    while (run < text_.size() && is_plain_single_quote_char(text_[run])) {
      ++run;
    }
    current.append(text_.substr(pos_, run - pos_));
    pos_ = run;
    if (at_end()) {
      fail(begin, begin + 2, "unterminated multi-line text literal");
    }
    // The order of these checks is the order of the alternatives of
    // `single-quote-continue`: `'''` wins over the closing `''`.
    if (looking_at("${")) {
      parse_interpolation(literal, current, depth);
    } else if (looking_at("'''")) {
      current += "''";
      pos_ += 3;
    } else if (looking_at("''${")) {
      current += "${";
      pos_ += 4;
    } else if (looking_at("''")) {
      pos_ += 2;
      break;
    } else if (looking_at("\r\n")) {
      current += '\n';
      pos_ += 2;
    } else { // a lone '\'' or '$'
      current += peek();
      ++pos_;
    }
  }
  literal.tail = std::move(current);
  strip_indentation(literal);
  return make(std::move(literal), begin, depth);
}

void strip_indentation(TextLit& literal) {
  // Only the first piece starts at a line start (interpolations never end a
  // line); later lines start after each '\n'. A line's indentation lies
  // within one piece, since an interpolation ends it.
  std::vector<std::string*> pieces;
  for (auto& chunk : literal.chunks) {
    pieces.push_back(&chunk.prefix);
  }
  pieces.push_back(&literal.tail);
  auto for_each_line = [&](std::size_t piece, auto&& visit) {
    const std::string& text = *pieces[piece];
    std::size_t line = 0;
    if (piece != 0) {
      line = text.find('\n');
      line = line == std::string::npos ? line : line + 1;
    }
    while (line != std::string::npos) {
      std::size_t next = text.find('\n', line);
      visit(line, next);
      line = next == std::string::npos ? next : next + 1;
    }
  };

  // The longest common indentation of all lines except blank ones; the last
  // line always counts, blank or not.
  std::optional<std::string_view> indent;
  for (std::size_t piece = 0; piece < pieces.size(); ++piece) {
    bool last_piece = piece + 1 == pieces.size();
    std::string_view text = *pieces[piece];
    for_each_line(piece, [&](std::size_t line, std::size_t line_end) {
      bool blank = line_end == line;
      bool last_line = line_end == std::string::npos && last_piece;
      if (blank && !last_line) {
        return;
      }
      std::string_view prefix = text.substr(line, indentation_length(text, line));
      if (!indent) {
        indent = prefix;
        return;
      }
      auto mismatch = std::mismatch(indent->begin(), indent->end(), prefix.begin(), prefix.end());
      indent = indent->substr(0, static_cast<std::size_t>(mismatch.first - indent->begin()));
    });
  }
  std::size_t width = indent ? indent->size() : 0;
  if (width == 0) {
    return;
  }
  // Every counted line starts with the common indentation and blank lines
  // have none, so strip up to `width` spaces and tabs from each line.
  for (std::size_t piece = 0; piece < pieces.size(); ++piece) {
    std::string& text = *pieces[piece];
    std::string stripped;
    stripped.reserve(text.size());
    std::size_t copied = 0;
    for_each_line(piece, [&](std::size_t line, std::size_t) {
      stripped.append(text, copied, line - copied);
      copied = line + std::min(width, indentation_length(text, line));
    });
    stripped.append(text, copied, std::string::npos);
    text = std::move(stripped);
  }
}

} // namespace polar::dhall::parsing
