#include "render/detail/yaml_comment.h"

#include <fmt/core.h>

#include "render/detail/utf8.h"
#include "render/string_escape.h"

namespace polar::render {
namespace {

void append_comment_text(std::string& out, std::string_view text) {
  for_each_code_point(text, [&](char32_t code_point, std::string_view encoded) {
    if (code_point == '\t' || (code_point != '\n' && yaml_writes_verbatim(code_point))) {
      out += encoded;
    } else {
      out += fmt::format("\\u{:04x}", static_cast<std::uint32_t>(code_point));
    }
  });
}

} // namespace

std::string yaml_comment_from_dhall_header(std::string_view header) {
  std::string out;
  while (!header.empty()) {
    std::size_t end = header.find('\n');
    std::string_view line = header.substr(0, end);
    header = end == std::string_view::npos ? std::string_view() : header.substr(end + 1);
    if (line.ends_with('\r')) {
      line.remove_suffix(1);
    }
    if (line.starts_with("--")) {
      line.remove_prefix(2);
    }
    out += '#';
    append_comment_text(out, line);
    out += '\n';
  }
  return out;
}

} // namespace polar::render
