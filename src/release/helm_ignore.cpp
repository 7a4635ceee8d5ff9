#include "release/detail/helm_ignore.h"

#include <stdexcept>

#include "chart/files.h"
#include "support/trim.h"

namespace polar::release {
namespace {

[[noreturn]] void bad_pattern() {
  throw std::invalid_argument("syntax error in pattern");
}

// Reads one character of a class at `i` (with its `\` escape); advances `i`.
char class_char(std::string_view pattern, std::size_t& i) {
  if (i >= pattern.size()) {
    bad_pattern();
  }
  if (pattern[i] == '\\') {
    if (++i >= pattern.size()) {
      bad_pattern();
    }
  }
  if (pattern[i] == '-' || pattern[i] == ']') {
    bad_pattern(); // Go wants these escaped inside a range
  }
  return pattern[i++];
}

// Whether `c` is in the class starting after `[` at `i`; leaves `i` after `]`.
bool match_class(std::string_view pattern, std::size_t& i, char c) {
  bool negated = i < pattern.size() && pattern[i] == '^';
  if (negated) {
    ++i;
  }
  bool matched = false;
  bool first = true;
  while (true) {
    if (i < pattern.size() && pattern[i] == ']' && !first) {
      ++i;
      break;
    }
    char low = class_char(pattern, i);
    char high = low;
    if (i < pattern.size() && pattern[i] == '-') {
      ++i;
      high = class_char(pattern, i);
    }
    if (low <= c && c <= high) {
      matched = true;
    }
    first = false;
  }
  return matched != negated;
}

// Checks the rest of a pattern for the syntax errors Go reports even when the
// name has already failed to match.
void check_syntax(std::string_view pattern, std::size_t i) {
  while (i < pattern.size()) {
    if (pattern[i] == '\\') {
      if (i + 1 >= pattern.size()) {
        bad_pattern();
      }
      i += 2;
    } else if (pattern[i] == '[') {
      ++i;
      (void)match_class(pattern, i, '\0');
    } else {
      ++i;
    }
  }
}

bool match_from(std::string_view pattern, std::size_t p, std::string_view name, std::size_t n) {
  while (p < pattern.size()) {
    char c = pattern[p];
    if (c == '*') {
      while (p < pattern.size() && pattern[p] == '*') {
        ++p;
      }
      // Try every length of the run of non-`/` characters `*` takes.
      for (std::size_t end = n;; ++end) {
        if (match_from(pattern, p, name, end)) {
          return true;
        }
        if (end >= name.size() || name[end] == '/') {
          check_syntax(pattern, p);
          return false;
        }
      }
    }
    if (n >= name.size()) {
      check_syntax(pattern, p);
      return false;
    }
    if (c == '?') {
      if (name[n] == '/') {
        check_syntax(pattern, p + 1);
        return false;
      }
      ++p;
    } else if (c == '[') {
      ++p;
      if (name[n] == '/' || !match_class(pattern, p, name[n])) {
        check_syntax(pattern, p);
        return false;
      }
    } else {
      if (c == '\\') {
        if (++p >= pattern.size()) {
          bad_pattern();
        }
        c = pattern[p];
      }
      if (name[n] != c) {
        check_syntax(pattern, p + 1);
        return false;
      }
      ++p;
    }
    ++n;
  }
  return n == name.size();
}

std::string_view last_segment(std::string_view path) {
  std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

} // namespace

bool go_path_match(std::string_view pattern, std::string_view name) {
  return match_from(pattern, 0, name, 0);
}

void HelmIgnore::add(std::string_view line) {
  std::string rule(trim(line));
  if (rule.empty() || rule.starts_with('#')) {
    return;
  }
  if (rule.find("**") != std::string::npos) {
    throw std::invalid_argument("double-star (**) syntax is not supported");
  }
  (void)go_path_match(rule, "abc"); // helm rejects what Go cannot compile
  Rule parsed;
  if (rule.starts_with('!')) {
    parsed.negate = true;
    rule.erase(0, 1);
  }
  if (rule.ends_with('/')) {
    parsed.folders_only = true;
    rule.pop_back();
  }
  if (rule.starts_with('/')) {
    parsed.whole_path = true;
    rule.erase(0, 1);
  } else {
    parsed.whole_path = rule.find('/') != std::string::npos;
  }
  parsed.pattern = std::move(rule);
  rules_.push_back(std::move(parsed));
}

HelmIgnore HelmIgnore::defaults() {
  HelmIgnore ignore;
  ignore.add("templates/.?*"); // dotfiles in templates/
  return ignore;
}

HelmIgnore HelmIgnore::parse(std::string_view text, const std::string& file) {
  if (text.starts_with("\xEF\xBB\xBF")) {
    text.remove_prefix(3);
  }
  HelmIgnore ignore;
  std::size_t line_number = 0;
  while (!text.empty()) {
    std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    ++line_number;
    try {
      ignore.add(line);
    } catch (const std::invalid_argument& error) {
      throw chart::ChartError(file + ":" + std::to_string(line_number) + ": " + error.what() +
                              " (helm rejects this .helmignore pattern)");
    }
  }
  ignore.add("templates/.?*");
  return ignore;
}

bool HelmIgnore::ignores(std::string_view relative_path, bool is_folder) const {
  if (relative_path.empty() || relative_path == "." || relative_path == "./") {
    return false;
  }
  for (const Rule& rule : rules_) {
    std::string_view subject = rule.whole_path ? relative_path : last_segment(relative_path);
    bool matches = false;
    try {
      matches = go_path_match(rule.pattern, subject);
    } catch (const std::invalid_argument&) {
      return false; // helm logs and stops: nothing is ignored
    }
    if (rule.negate) {
      if ((rule.folders_only && !is_folder) || !matches) {
        return true;
      }
      continue;
    }
    if (rule.folders_only && !is_folder) {
      continue;
    }
    if (matches) {
      return true;
    }
  }
  return false;
}

} // namespace polar::release
