#include "imports/redact.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

namespace polar::dhall {

namespace {

bool holds_literal(std::string_view fragment) {
  return std::any_of(fragment.begin(), fragment.end(), [](char c) {
    return c == '"' || std::isdigit(static_cast<unsigned char>(c));
  });
}

std::string without_literals(const std::string& text) {
  std::string redacted;
  std::size_t position = 0;
  while (true) {
    std::size_t open = text.find('`', position);
    std::size_t close = open == std::string::npos ? open : text.find('`', open + 1);
    if (close == std::string::npos) {
      redacted += text.substr(position);
      break;
    }
    std::string_view fragment(text.data() + open + 1, close - open - 1);
    redacted += text.substr(position, open + 1 - position);
    redacted += holds_literal(fragment) ? "<value hidden>" : std::string(fragment);
    redacted += '`';
    position = close + 1;
  }
  return redacted;
}

} // namespace

Error without_values(const Error& error, SourceLine line) {
  // A note can quote a message too: `?` notes why its left side failed.
  std::vector<std::string> notes;
  for (const std::string& note : error.notes()) {
    notes.push_back(without_literals(note));
  }
  Error result = error.with_message(without_literals(error.message()), std::move(notes));
  if (line == SourceLine::hidden) {
    result.hide_source_line();
  }
  return result;
}

} // namespace polar::dhall
