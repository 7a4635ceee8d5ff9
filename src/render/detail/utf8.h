#pragma once
// Walking UTF-8 text one code point at a time.
#include <string_view>

namespace polar::render {

// Calls `visit(code_point, encoded_bytes)` for each code point of `text`.
// Dhall text is valid UTF-8; a byte that does not start a well-formed
// sequence is passed on alone, as code point U+FFFD.
template <typename Visitor>
void for_each_code_point(std::string_view text, Visitor&& visit) {
  std::size_t at = 0;
  while (at < text.size()) {
    auto lead = static_cast<unsigned char>(text[at]);
    std::size_t length = lead < 0x80    ? 1
                         : lead >= 0xf0 ? 4
                         : lead >= 0xe0 ? 3
                         : lead >= 0xc0 ? 2
                                        : 0;
    char32_t code_point = length == 1   ? lead
                          : length == 2 ? lead & 0x1fU
                          : length == 3 ? lead & 0x0fU
                                        : lead & 0x07U;
    bool well_formed = length != 0 && at + length <= text.size();
    for (std::size_t i = 1; well_formed && i < length; ++i) {
      auto continuation = static_cast<unsigned char>(text[at + i]);
      well_formed = (continuation & 0xc0U) == 0x80;
      code_point = (code_point << 6) | (continuation & 0x3fU);
    }
    if (!well_formed) {
      visit(char32_t{0xfffd}, text.substr(at, 1));
      ++at;
      continue;
    }
    visit(code_point, text.substr(at, length));
    at += length;
  }
}

} // namespace polar::render
