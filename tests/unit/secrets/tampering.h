#pragma once
// Tampering with ciphertexts in tests. Writing a fixed character would leave
// a base64 character that already is that one unchanged (one run in 64: a
// flaky test); this always changes it, to another base64 character.
#include <cstddef>
#include <string>

namespace polar::secrets::testing {

inline std::string with_character_changed(std::string text, std::size_t at) {
  text.at(at) = text.at(at) == 'A' ? 'B' : 'A';
  return text;
}

} // namespace polar::secrets::testing
