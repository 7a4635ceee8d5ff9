#pragma once
// Character-level scanning for the Dhall parser: positions, character classes,
// whitespace and comments, labels and keywords, and parse errors.
//
// Dhall has no separate token stream (string interpolation and nested
// comments make one impractical, see the notes at the top of dhall.abnf), so
// the parser works on characters and this class provides the shared pieces.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "syntax/source.h"

namespace polar::dhall {
struct SourceNotes;
}

namespace polar::dhall::parsing {

constexpr bool is_alpha(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}
constexpr bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
// HEXDIG: ABNF string rules are case-insensitive, so lowercase counts too.
constexpr bool is_hex_digit(char c) {
  return is_digit(c) || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
}
constexpr unsigned hex_value(char c) {
  if (is_digit(c)) {
    return static_cast<unsigned>(c - '0');
  }
  return static_cast<unsigned>((c | 0x20) - 'a' + 10);
}
constexpr bool is_label_first_char(char c) {
  return is_alpha(c) || c == '_';
}
constexpr bool is_label_next_char(char c) {
  return is_alpha(c) || is_digit(c) || c == '-' || c == '/' || c == '_';
}
// quoted-label-char: printable ASCII except the backtick.
constexpr bool is_quoted_label_char(char c) {
  return c >= 0x20 && c <= 0x7E && c != '`';
}

// Joins the pieces of an error message.
template <typename... Pieces>
std::string concat(const Pieces&... pieces) {
  std::string out;
  (out.append(std::string_view(pieces)), ...);
  return out;
}

// The reserved words of the `keyword` rule. A simple label is a keyword only
// when it is exactly one of these (`letter` and `iff` are ordinary labels).
enum class Keyword : std::uint8_t {
  none,
  if_,
  then_,
  else_,
  let_,
  in_,
  using_,
  missing,
  assert_,
  as_,
  infinity,
  nan,
  merge,
  some,
  to_map,
  forall,
  with,
  show_constructor,
};
Keyword keyword_from_name(std::string_view name);
std::string_view keyword_name(Keyword keyword);

// Rejects anything that is not UTF-8, code points outside `valid-non-ascii`
// (surrogates, non-characters) and control characters other than tab, LF and
// the CR of a CRLF. No rule of the grammar accepts any of these anywhere, so
// checking once up front lets the parser treat bytes >= 0x80 as valid text.
void validate_characters(const SourcePtr& source);

class Scanner {
public:
  explicit Scanner(SourcePtr source);

protected:
  static constexpr std::size_t npos = std::string_view::npos;

  bool at_end() const { return pos_ >= text_.size(); }
  bool at_end(std::size_t at) const { return at >= text_.size(); }
  // The byte at `at`, or '\0' past the end.
  char char_at(std::size_t at) const { return at < text_.size() ? text_[at] : '\0'; }
  char peek(std::size_t offset = 0) const { return char_at(pos_ + offset); }
  bool starts_with_at(std::size_t at, std::string_view prefix) const {
    return at <= text_.size() && text_.substr(at).starts_with(prefix);
  }
  bool looking_at(std::string_view prefix) const { return starts_with_at(pos_, prefix); }

  // The end of the whitespace and comments starting at `at` (`at` itself when
  // there are none). Throws on an unterminated block comment.
  std::size_t whitespace_end(std::size_t at) const;
  // Skips `whsp`.
  void skip_whitespace() { pos_ = whitespace_end(pos_); }
  // Skips `whsp1`; `after` names what precedes it, for the error message.
  void skip_required_whitespace(std::string_view after);

  // The end of the simple label starting at `at`, or `at` if none starts there.
  std::size_t simple_label_end(std::size_t at) const;
  // The keyword spelled by the simple label at `at`, if it is exactly one.
  Keyword keyword_at(std::size_t at) const;
  bool keyword_here(Keyword keyword) const { return keyword_at(pos_) == keyword; }
  // Consumes a keyword known to be at the current position.
  void consume_keyword(Keyword keyword) { pos_ += keyword_name(keyword).size(); }
  // The length in bytes of the UTF-8 character at `at` (1 for ASCII or at the end).
  std::size_t char_length(std::size_t at) const;

  // A human-readable description of what is at `at`: "end of input",
  // "`then`", "a newline", "`(`".
  std::string describe(std::size_t at) const;
  Span span(std::size_t begin, std::size_t end) const;

  [[noreturn]] void fail(std::size_t at, std::size_t end, std::string message) const;
  // Fails pointing at the token at `at`.
  [[noreturn]] void fail_at(std::size_t at, std::string message) const;
  // "expected <what>, found <token at `at`>".
  [[noreturn]] void fail_expected(std::size_t at, std::string_view what) const;
  // Consumes `token` or fails with "expected `token` <context>".
  void expect(std::string_view token, std::string_view context);

  SourcePtr source_;
  std::string_view text_;
  std::size_t pos_ = 0;
  // Set only by parse_with_notes: comments skipped by whitespace_end are
  // recorded there (keyed by where they start, as lookahead skips some twice).
  SourceNotes* notes_ = nullptr;

private:
  void note_comment(std::size_t begin, std::size_t end) const;
  std::size_t skip_block_comment(std::size_t at) const;

  // whitespace_end is asked about the same position repeatedly while the
  // parser looks ahead; remembering the last answer keeps that linear.
  mutable std::size_t memo_from_ = npos;
  mutable std::size_t memo_to_ = npos;
};

} // namespace polar::dhall::parsing
