#pragma once
// The documents `polar-helm diff` prints: text, line breaks and aligned
// blocks (a line break inside an aligned block returns to the column where
// the block started), and whether the two sides were the same. The subset
// of a Wadler-style pretty-printer that dhall diff's layout uses: it never
// chooses between layouts, so rendering is one pass.
#include <string>
#include <string_view>
#include <vector>

#include "tooling/diff.h"

namespace polar::dhall::diff_layout {

class Document {
public:
  Document() = default;
  // Text without line breaks, the same on both sides.
  Document(std::string_view text) : pieces_{Piece{Piece::literal, std::string(text)}} {} // NOLINT

  static Document line_break() { return Document(Piece{Piece::break_line, {}}); }
  // Text only the first side has, and text only the second side has, on
  // one line: parts of a character diff.
  static Document removed(std::string_view text) {
    return std::move(Document(Piece{Piece::removed_text, std::string(text)}).differing());
  }
  static Document added(std::string_view text) {
    return std::move(Document(Piece{Piece::added_text, std::string(text)}).differing());
  }
  // Text both sides have, between the parts of a character diff.
  static Document kept(std::string_view text) {
    return Document(Piece{Piece::kept_text, std::string(text)});
  }
  // `inner`, its line breaks returning to the column it starts at.
  static Document aligned(Document inner);

  // Whether nothing in it differs.
  bool same() const { return same_; }
  // Marks it as showing a difference.
  Document& differing() {
    same_ = false;
    return *this;
  }

  Document& operator+=(const Document& other);
  friend Document operator+(Document a, const Document& b) { return a += b; }

  std::string render(DiffMarks marks = DiffMarks::brackets) const;

private:
  struct Piece {
    enum Kind {
      literal,
      removed_text,
      added_text,
      kept_text,
      break_line,
      open_align,
      close_align
    } kind;
    std::string text;
  };
  explicit Document(Piece piece) : pieces_{std::move(piece)} {}

  std::vector<Piece> pieces_;
  bool same_ = true;
};

} // namespace polar::dhall::diff_layout
