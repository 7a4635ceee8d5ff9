#include "chart/glob.h"

namespace polar::chart {

namespace {

// Backtracking match of `pattern` against the whole of `text`.
bool matches_from(std::string_view pattern, std::string_view text) {
  while (!pattern.empty()) {
    if (pattern.starts_with("**")) {
      std::string_view rest = pattern.substr(2);
      for (std::size_t skipped = 0; skipped <= text.size(); ++skipped) {
        if (matches_from(rest, text.substr(skipped))) {
          return true;
        }
      }
      return false;
    }
    if (pattern.front() == '*') {
      std::string_view rest = pattern.substr(1);
      for (std::size_t skipped = 0; skipped <= text.size(); ++skipped) {
        if (matches_from(rest, text.substr(skipped))) {
          return true;
        }
        if (skipped < text.size() && text[skipped] == '/') {
          return false;
        }
      }
      return false;
    }
    if (text.empty()) {
      return false;
    }
    bool one_character = pattern.front() == '?' && text.front() != '/';
    if (!one_character && pattern.front() != text.front()) {
      return false;
    }
    pattern.remove_prefix(1);
    text.remove_prefix(1);
  }
  return text.empty();
}

} // namespace

bool glob_matches(std::string_view glob, std::string_view relative_path) {
  if (glob.find('/') == std::string_view::npos) {
    std::size_t last_separator = relative_path.rfind('/');
    if (last_separator != std::string_view::npos) {
      relative_path.remove_prefix(last_separator + 1);
    }
  }
  return matches_from(glob, relative_path);
}

} // namespace polar::chart
