#include "render/string_escape.h"

#include "render/detail/utf8.h"

namespace polar::render {
namespace {

void append_unicode_escape(std::string& out, char32_t code_point) {
  constexpr char hex[] = "0123456789abcdef";
  out += "\\u";
  for (int shift = 12; shift >= 0; shift -= 4) {
    out += hex[(code_point >> shift) & 0xf];
  }
}

// The escapes JSON and YAML share; false when `c` is not one of them.
bool append_json_escape(std::string& out, char c) {
  switch (c) {
  case '"':
    out += "\\\"";
    return true;
  case '\\':
    out += "\\\\";
    return true;
  case '\n':
    out += "\\n";
    return true;
  case '\r':
    out += "\\r";
    return true;
  case '\t':
    out += "\\t";
    return true;
  default:
    if (static_cast<unsigned char>(c) < 0x20) {
      append_unicode_escape(out, static_cast<unsigned char>(c));
      return true;
    }
    return false;
  }
}

} // namespace

void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  for (char c : text) {
    if (!append_json_escape(out, c)) {
      out += c;
    }
  }
  out += '"';
}

bool yaml_writes_verbatim(char32_t code_point) {
  if (code_point < 0x20) {
    return code_point == '\t' || code_point == '\n';
  }
  if (code_point < 0x7f) {
    return true;
  }
  if (code_point <= 0x9f) {
    return false; // DEL, C1 controls and NEL
  }
  return code_point != 0x2028 && code_point != 0x2029 && code_point != 0xfeff &&
         code_point != 0xfffe && code_point != 0xffff;
}

void append_yaml_double_quoted(std::string& out, std::string_view text) {
  out += '"';
  for_each_code_point(text, [&](char32_t code_point, std::string_view encoded) {
    if (encoded.size() == 1 && append_json_escape(out, encoded.front())) {
      return;
    }
    if (yaml_writes_verbatim(code_point)) {
      out += encoded;
    } else {
      append_unicode_escape(out, code_point);
    }
  });
  out += '"';
}

} // namespace polar::render
