#include "chart/redact.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>

namespace polar::chart {

namespace {

bool holds_literal(std::string_view fragment) {
  return std::any_of(fragment.begin(), fragment.end(), [](char c) {
    return c == '"' || std::isdigit(static_cast<unsigned char>(c));
  });
}

} // namespace

dhall::Error without_values(const dhall::Error& error) {
  const std::string& message = error.message();
  std::string redacted;
  std::size_t position = 0;
  while (true) {
    std::size_t open = message.find('`', position);
    std::size_t close = open == std::string::npos ? open : message.find('`', open + 1);
    if (close == std::string::npos) {
      redacted += message.substr(position);
      break;
    }
    std::string_view fragment(message.data() + open + 1, close - open - 1);
    redacted += message.substr(position, open + 1 - position);
    redacted += holds_literal(fragment) ? "<value hidden>" : std::string(fragment);
    redacted += '`';
    position = close + 1;
  }
  dhall::Error result(error.kind(), redacted, error.span());
  result.hide_source_line(); // the line may hold a literal of the secret file
  for (const std::string& note : error.notes()) {
    result.add_note(note);
  }
  return result;
}

} // namespace polar::chart
