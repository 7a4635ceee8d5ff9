#include "tooling/detail/diff_document.h"

namespace polar::dhall::diff_layout {

Document Document::aligned(Document inner) {
  Document result(Piece{Piece::open_align, {}});
  result += inner;
  result.pieces_.push_back(Piece{Piece::close_align, {}});
  return result;
}

Document& Document::operator+=(const Document& other) {
  pieces_.insert(pieces_.end(), other.pieces_.begin(), other.pieces_.end());
  same_ = same_ && other.same_;
  return *this;
}

std::string Document::render(DiffMarks marks) const {
  std::string out;
  std::size_t column = 0; // in code points, as a terminal counts them
  std::vector<std::size_t> indents{0};
  auto write = [&](std::string_view text) {
    out += text;
    for (unsigned char byte : text) {
      column += (byte & 0xC0) != 0x80 ? 1 : 0;
    }
  };
  // The escape sequences take no column on a terminal.
  auto write_marked = [&](std::string_view open, std::string_view ansi_open,
                          const std::string& text, std::string_view close) {
    if (marks == DiffMarks::ansi) {
      out += ansi_open;
      write(text);
      out += "\x1b[0m";
    } else {
      write(open);
      write(text);
      write(close);
    }
  };
  for (const Piece& piece : pieces_) {
    switch (piece.kind) {
    case Piece::literal:
      write(piece.text);
      break;
    case Piece::removed_text:
      write_marked("[-", "\x1b[41m", piece.text, "-]");
      break;
    case Piece::added_text:
      write_marked("{+", "\x1b[42m", piece.text, "+}");
      break;
    case Piece::kept_text:
      write_marked("", "\x1b[2m", piece.text, "");
      break;
    case Piece::break_line:
      // No trailing spaces on the line being ended.
      while (!out.empty() && out.back() == ' ') {
        out.pop_back();
      }
      out += '\n';
      out.append(indents.back(), ' ');
      column = indents.back();
      break;
    case Piece::open_align:
      indents.push_back(column);
      break;
    case Piece::close_align:
      indents.pop_back();
      break;
    }
  }
  return out;
}

} // namespace polar::dhall::diff_layout
