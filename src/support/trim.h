#pragma once
// Trimming the whitespace around one line of a text format: an HTTP header,
// a `--mirror` rule or a line of a mirror or age identity file. Header-only,
// in the lowest module, so that network, secrets and the test server share
// one definition.
#include <string_view>

namespace polar {

// `text` without the spaces, tabs, CRs and LFs at either end. That is
// HTTP's optional whitespace (RFC 9110, 5.6.3: SP and HTAB) plus the line
// break a header line or a CRLF file keeps.
constexpr std::string_view trim(std::string_view text) {
  constexpr std::string_view whitespace = " \t\r\n";
  std::size_t first = text.find_first_not_of(whitespace);
  if (first == std::string_view::npos) {
    return {};
  }
  return text.substr(first, text.find_last_not_of(whitespace) - first + 1);
}

} // namespace polar
