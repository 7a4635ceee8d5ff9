#include "syntax/print_tokens.h"

#include "syntax/detail/escapes.h"
#include "syntax/detail/lexer.h"
#include "syntax/literals.h"

namespace polar::dhall::printing {
namespace {

bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// simple-label: (ALPHA / "_") *(ALPHANUM / "-" / "/" / "_")
bool is_simple_label(std::string_view text) {
  if (text.empty() || !(is_alpha(text[0]) || text[0] == '_')) {
    return false;
  }
  for (char c : text) {
    if (!(is_alpha(c) || is_digit(c) || c == '-' || c == '/' || c == '_')) {
      return false;
    }
  }
  return true;
}

bool is_keyword(std::string_view text) {
  return parsing::keyword_from_name(text) != parsing::Keyword::none;
}

// Names of the `builtin` rule, which a variable must quote.
bool is_reserved_name(std::string_view text) {
  return builtin_from_name(text).has_value() || const_from_name(text).has_value() ||
         text == "True" || text == "False";
}

std::string quoted(std::string_view text) {
  return "`" + std::string(text) + "`";
}

// path-character: printable ASCII except " #()[]{}<>/\,?" and space.
bool is_path_char(char c) {
  std::string_view excluded = "\"#()[]{}<>/\\,?";
  return c > 0x20 && c < 0x7f && excluded.find(c) == std::string_view::npos;
}

std::string path_component(std::string_view component) {
  for (char c : component) {
    if (!is_path_char(c)) {
      return "\"" + std::string(component) + "\"";
    }
  }
  return std::string(component);
}

std::string path(const std::vector<std::string>& directory, const std::string& file) {
  std::string result;
  for (const auto& component : directory) {
    result += "/" + path_component(component);
  }
  return result + "/" + path_component(file);
}

std::string environment_variable(std::string_view name) {
  bool bash = !name.empty() && (is_alpha(name[0]) || name[0] == '_');
  for (char c : name) {
    bash = bash && (is_alpha(c) || is_digit(c) || c == '_');
  }
  if (bash) {
    return "env:" + std::string(name);
  }
  std::string result = "env:\"";
  for (char c : name) {
    if (c == '\a') {
      result += "\\a";
    } else if (c == '\v') {
      result += "\\v";
    } else if (auto escape = shared_escape(c)) {
      result += *escape;
    } else {
      result += c;
    }
  }
  return result + "\"";
}

} // namespace

std::string variable_label(Label label) {
  std::string_view text = label.view();
  if (!is_simple_label(text) || is_keyword(text) || is_reserved_name(text)) {
    return quoted(text);
  }
  return label.str();
}

std::string field_label(Label label) {
  std::string_view text = label.view();
  if (!is_simple_label(text) || (is_keyword(text) && text != "Some")) {
    return quoted(text);
  }
  return label.str();
}

// The printer indents every non-empty line of a multi-line literal by the
// same amount, and the parser strips the longest common indentation. That
// round-trips when one line pins the indentation: the closing line when the
// text ends with a newline, else a line starting with something other than
// a space or tab. Quotes are the other hazard: `'` just before `${` or
// before the closing `''` would be read as part of an escape.
bool fits_multiline(const TextLit& text) {
  bool has_newline = false;
  bool at_line_start = true;
  bool pinned = !text.tail.empty() && text.tail.back() == '\n';
  auto scan = [&](std::string_view segment) {
    for (std::size_t i = 0; i < segment.size(); ++i) {
      char c = segment[i];
      if ((static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') ||
          segment.substr(i, 3) == "'${") {
        return false;
      }
      if (c == '\n') {
        has_newline = true;
        at_line_start = true;
      } else if (at_line_start) {
        pinned = pinned || (c != ' ' && c != '\t');
        at_line_start = false;
      }
    }
    return true;
  };
  for (const auto& chunk : text.chunks) {
    if (!scan(chunk.prefix)) {
      return false;
    }
    pinned = pinned || at_line_start; // a line starting with an interpolation
    at_line_start = false;
  }
  if (!scan(text.tail) || (!text.tail.empty() && text.tail.back() == '\'')) {
    return false;
  }
  return has_newline && pinned;
}

std::string escape_multiline(std::string_view text) {
  std::string result;
  result.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.substr(i, 2) == "${") {
      result += "''${";
      ++i;
    } else if (text.substr(i, 2) == "''") {
      result += "'''";
      ++i;
    } else {
      result += text[i];
    }
  }
  return result;
}

std::string bytes_literal(const BytesLit& bytes) {
  constexpr char digits[] = "0123456789abcdef";
  std::string result = "0x\"";
  for (std::uint8_t byte : bytes.bytes) {
    result += digits[byte >> 4];
    result += digits[byte & 0xf];
  }
  return result + "\"";
}

std::string import_location(const Import& import) {
  struct Location {
    std::string operator()(const MissingImport&) const { return "missing"; }
    std::string operator()(const EnvImport& env) const { return environment_variable(env.name); }
    std::string operator()(const LocalImport& local) const {
      constexpr std::string_view prefixes[] = {"", ".", "..", "~"};
      return std::string(prefixes[static_cast<std::size_t>(local.prefix)]) +
             path(local.directory, local.file);
    }
    std::string operator()(const RemoteImport& remote) const {
      std::string result = remote.scheme == Scheme::http ? "http://" : "https://";
      result += remote.authority;
      for (const auto& component : remote.directory) {
        result += "/" + component;
      }
      result += "/" + remote.file;
      if (remote.query) {
        result += "?" + *remote.query;
      }
      return result;
    }
  };
  return std::visit(Location{}, import.target);
}

std::string import_suffix(const Import& import) {
  std::string result;
  if (import.hash) {
    constexpr char digits[] = "0123456789abcdef";
    result += " sha256:";
    for (std::uint8_t byte : *import.hash) {
      result += digits[byte >> 4];
      result += digits[byte & 0xf];
    }
  }
  switch (import.mode) {
  case ImportMode::code:
    break;
  case ImportMode::raw_text:
    result += " as Text";
    break;
  case ImportMode::location:
    result += " as Location";
    break;
  case ImportMode::raw_bytes:
    result += " as Bytes";
    break;
  }
  return result;
}

} // namespace polar::dhall::printing
