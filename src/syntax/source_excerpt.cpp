#include "syntax/detail/source_excerpt.h"

#include <algorithm>
#include <cstdint>

namespace polar::dhall {
namespace {

// One character of the line as shown: `size` bytes of the source, shown as
// themselves, as a space or escaped byte by byte.
struct Shown {
  enum class Form : std::uint8_t { as_is, space, escaped };
  std::size_t size = 1;
  Form form = Form::as_is;

  std::size_t width() const { return form == Form::escaped ? 4 * size : 1; }
};

bool is_continuation(unsigned char byte) {
  return (byte & 0xC0) == 0x80;
}

// The length of the well-formed UTF-8 sequence at the start of `bytes`
// (Unicode's table 3-7: no overlong forms, no surrogates), or 0.
std::size_t utf8_length(std::string_view bytes) {
  auto at = [&](std::size_t i) { return static_cast<unsigned char>(bytes[i]); };
  unsigned char lead = at(0);
  std::size_t length = lead < 0xC2 ? 0 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : lead < 0xF5 ? 4 : 0;
  if (length == 0 || bytes.size() < length) {
    return 0;
  }
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead == 0xE0) {
    low = 0xA0;
  } else if (lead == 0xED) {
    high = 0x9F;
  } else if (lead == 0xF0) {
    low = 0x90;
  } else if (lead == 0xF4) {
    high = 0x8F;
  }
  if (at(1) < low || at(1) > high) {
    return 0;
  }
  for (std::size_t i = 2; i < length; ++i) {
    if (!is_continuation(at(i))) {
      return 0;
    }
  }
  return length;
}

Shown next_shown(std::string_view rest) {
  auto byte = static_cast<unsigned char>(rest[0]);
  if (byte == '\t') {
    return {1, Shown::Form::space};
  }
  if (byte < 0x20 || byte == 0x7F) {
    return {1, Shown::Form::escaped};
  }
  if (byte < 0x80) {
    return {1, Shown::Form::as_is};
  }
  std::size_t length = utf8_length(rest);
  if (length == 0) {
    return {1, Shown::Form::escaped};
  }
  bool c1_control = byte == 0xC2 && static_cast<unsigned char>(rest[1]) < 0xA0;
  return {length, c1_control ? Shown::Form::escaped : Shown::Form::as_is};
}

void append_escaped(std::string& out, std::string_view bytes) {
  static constexpr char digits[] = "0123456789ABCDEF";
  for (char c : bytes) {
    auto byte = static_cast<unsigned char>(c);
    out += "\\x";
    out += digits[byte >> 4];
    out += digits[byte & 0xF];
  }
}

// Calls `visit(offset, shown, column)` for each character of `line`, in
// order; `column` counts the widths of the characters before it.
template <typename Visit>
void for_each_shown(std::string_view line, Visit&& visit) {
  std::size_t column = 0;
  for (std::size_t offset = 0; offset < line.size();) {
    Shown shown = next_shown(line.substr(offset));
    if (!visit(offset, shown, column)) {
      return;
    }
    offset += shown.size;
    column += shown.width();
  }
}

// The columns [first, last) of the line that the excerpt shows.
struct Window {
  std::size_t first = 0;
  std::size_t last = 0;
};

Window window_around(std::size_t caret, std::size_t line_width) {
  if (line_width <= excerpt_width) {
    return {0, line_width};
  }
  // Some context before the caret, the rest after it.
  std::size_t first = caret > excerpt_width / 3 ? caret - excerpt_width / 3 : 0;
  first = std::min(first, line_width - excerpt_width);
  return {first, first + excerpt_width};
}

} // namespace

std::string source_excerpt(std::string_view text, std::size_t begin, std::size_t end) {
  begin = std::min(begin, text.size());
  std::size_t line_start = begin == 0 ? 0 : text.rfind('\n', begin - 1);
  line_start = line_start == std::string_view::npos || begin == 0 ? 0 : line_start + 1;
  std::size_t line_end = std::min(text.find('\n', begin), text.size());
  std::string_view line = text.substr(line_start, line_end - line_start);
  if (line.ends_with('\r')) {
    line.remove_suffix(1);
  }
  // From here on, offsets are in `line`; the range is at least one byte.
  end = std::min(std::max(end, begin + 1) - line_start, line.size());
  begin -= line_start;

  // The columns of the caret's range and the width of the whole line.
  std::size_t caret_first = 0;
  std::size_t caret_last = 0;
  std::size_t line_width = 0;
  bool caret_found = false;
  for_each_shown(line, [&](std::size_t offset, const Shown& shown, std::size_t column) {
    if (offset + shown.size > begin && !caret_found) {
      caret_first = column;
      caret_found = true;
    }
    if (offset < end) {
      caret_last = column + shown.width();
    }
    line_width = column + shown.width();
    return true;
  });
  if (!caret_found) { // at the end of the line
    caret_first = line_width;
  }
  caret_last = std::max(caret_last, caret_first + 1);

  Window window = window_around(caret_first, line_width);
  std::string shown_line = window.first > 0 ? "..." : "";
  std::size_t shown_first = window.first;
  bool cut_after = false;
  for_each_shown(line, [&](std::size_t offset, const Shown& shown, std::size_t column) {
    if (column < window.first) {
      // A character that straddles the cut (an escape) is left out whole.
      shown_first = column + shown.width();
      return true;
    }
    if (column + shown.width() > window.last) {
      cut_after = true;
      return false;
    }
    std::string_view bytes = line.substr(offset, shown.size);
    switch (shown.form) {
    case Shown::Form::as_is:
      shown_line += bytes;
      break;
    case Shown::Form::space:
      shown_line += ' ';
      break;
    case Shown::Form::escaped:
      append_escaped(shown_line, bytes);
      break;
    }
    return true;
  });
  if (cut_after) {
    shown_line += "...";
  }

  std::size_t marker = window.first > 0 ? 3 : 0;
  std::size_t caret_column = marker + std::max(caret_first, shown_first) - shown_first;
  std::size_t caret_width = std::min(caret_last, window.last) - std::min(caret_first, window.last);
  caret_width = std::max<std::size_t>(caret_width, 1);
  return "    " + shown_line + "\n    " + std::string(caret_column, ' ') + "^" +
         std::string(caret_width - 1, '~') + "\n";
}

} // namespace polar::dhall
