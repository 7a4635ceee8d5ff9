#include "skip_list.h"

#include <fnmatch.h>

#include <fstream>
#include <stdexcept>

namespace polar::conformance {
namespace {

std::string trim(const std::string& text) {
  auto begin = text.find_first_not_of(" \t\r");
  if (begin == std::string::npos) {
    return "";
  }
  auto end = text.find_last_not_of(" \t\r");
  return text.substr(begin, end - begin + 1);
}

} // namespace

SkipList SkipList::load(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) {
    throw std::runtime_error("cannot read skip list " + file.string());
  }
  SkipList list;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    std::string content = trim(line);
    if (content.empty() || content.front() == '#') {
      continue;
    }
    auto hash = content.find('#');
    std::string reason = hash == std::string::npos ? "" : trim(content.substr(hash + 1));
    if (reason.empty()) {
      throw std::runtime_error(file.string() + ":" + std::to_string(number) +
                               ": a skipped test needs a reason after `#`");
    }
    list.entries_.push_back({trim(content.substr(0, hash)), reason});
  }
  return list;
}

std::optional<std::string> SkipList::reason(const std::string& test_id) const {
  for (const auto& entry : entries_) {
    if (fnmatch(entry.pattern.c_str(), test_id.c_str(), 0) == 0) {
      return entry.reason;
    }
  }
  return std::nullopt;
}

} // namespace polar::conformance
