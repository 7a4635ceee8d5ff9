#include "render/yaml_scalar.h"

#include <algorithm>
#include <array>

#include "render/detail/utf8.h"
#include "render/string_escape.h"

namespace polar::render {
namespace {

bool is_ascii_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_ascii_digit(char c) {
  return c >= '0' && c <= '9';
}

// Digits, dots, `e` and `-` only (the empty string included): numbers,
// dates and the like, which dhall-to-yaml single-quotes.
bool looks_numeric(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return is_ascii_digit(c) || c == '.' || c == 'e' || c == '-'; });
}

// Booleans and null under YAML 1.1 or 1.2, in any letter case.
bool is_reserved_word(std::string_view text) {
  constexpr std::array<std::string_view, 9> words = {"y",     "yes", "n",   "no",  "true",
                                                     "false", "on",  "off", "null"};
  if (text.size() > 5) {
    return false;
  }
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](char c) { return is_ascii_letter(c) ? static_cast<char>(c | 0x20) : c; });
  return std::find(words.begin(), words.end(), lower) != words.end();
}

// Can `text` be written without quotes and still be read as this string?
// It starts with a letter or `/` (so no indicator, number, date, `~` or
// `.inf`), uses only letters, digits and `/_.=:- `, and has no `: `, no
// trailing `:` and no trailing space.
bool plain_is_safe(std::string_view text) {
  if (text.empty() || !(is_ascii_letter(text.front()) || text.front() == '/')) {
    return false;
  }
  bool allowed_characters = std::all_of(text.begin(), text.end(), [](char c) {
    return is_ascii_letter(c) || is_ascii_digit(c) || c == '/' || c == '_' || c == '.' ||
           c == '=' || c == '-' || c == ':' || c == ' ';
  });
  return allowed_characters && text.find(": ") == std::string_view::npos && text.back() != ':' &&
         text.back() != ' ';
}

void append_single_quoted(std::string& out, std::string_view text) {
  // Only ever used for text without quotes or line breaks.
  out += '\'';
  out += text;
  out += '\'';
}

// A literal block keeps the text as written, line by line; it cannot carry
// characters that need escapes, text made only of line breaks, or (at
// document level, where the indentation indicator is ambiguous between
// readers) a first line that starts with a space.
class LiteralBlock {
public:
  explicit LiteralBlock(std::string_view text) : text_(text) {
    std::size_t end = text.find_last_not_of('\n');
    body_ = end == std::string_view::npos ? std::string_view() : text.substr(0, end + 1);
    trailing_breaks_ = text.size() - body_.size();
  }

  bool fits(const ScalarPlacement& placement) const {
    if (body_.empty() || text_.find('\n') == std::string_view::npos) {
      return false;
    }
    bool verbatim = true;
    for_each_code_point(text_, [&](char32_t code_point, std::string_view) {
      verbatim = verbatim && yaml_writes_verbatim(code_point);
    });
    return verbatim && !(placement.document_level && needs_indentation_indicator());
  }

  void append(std::string& out, std::size_t indentation) const {
    out += '|';
    if (needs_indentation_indicator()) {
      out += '2';
    }
    out += trailing_breaks_ == 0 ? "-" : trailing_breaks_ == 1 ? "" : "+";
    std::string_view rest = body_;
    while (true) {
      std::size_t line_end = rest.find('\n');
      append_line(out, indentation, rest.substr(0, line_end));
      if (line_end == std::string_view::npos) {
        break;
      }
      rest.remove_prefix(line_end + 1);
    }
    for (std::size_t kept = 1; kept < trailing_breaks_; ++kept) {
      append_line(out, indentation, {});
    }
  }

private:
  // Readers infer a block's indentation from its first non-empty line; one
  // that starts with a space would be taken for deeper indentation.
  bool needs_indentation_indicator() const {
    std::size_t first_content = body_.find_first_not_of('\n');
    return body_[first_content] == ' ';
  }

  static void append_line(std::string& out, std::size_t indentation, std::string_view line) {
    out += '\n';
    out.append(indentation, ' ');
    out += line;
  }

  std::string_view text_;
  std::string_view body_; // text_ without its trailing line breaks
  std::size_t trailing_breaks_ = 0;
};

} // namespace

void append_yaml_string(std::string& out, std::string_view text, const ScalarPlacement& placement) {
  if (!placement.is_key) {
    LiteralBlock block(text);
    if (block.fits(placement)) {
      block.append(out, placement.block_indentation);
      return;
    }
  }
  bool plain = plain_is_safe(text);
  if (looks_numeric(text) || is_reserved_word(text) || (placement.always_quote && plain)) {
    append_single_quoted(out, text);
  } else if (placement.always_quote || !plain) {
    append_yaml_double_quoted(out, text);
  } else {
    out += text;
  }
}

} // namespace polar::render
