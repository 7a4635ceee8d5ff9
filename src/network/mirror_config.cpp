#include "network/mirror_config.h"

#include "support/file_io.h"
#include "syntax/source.h"

namespace polar::network {
namespace fs = std::filesystem;

namespace {

// The line without its comment. '#' counts only at the start or after
// whitespace, so a URL fragment-like "#" inside a word stays (and is then
// rejected by the rule parser with a clear message).
std::string_view without_comment(std::string_view line) {
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) {
      return line.substr(0, i);
    }
  }
  return line;
}

bool is_blank(std::string_view line) {
  return line.find_first_not_of(" \t\r") == line.npos;
}

} // namespace

std::vector<MirrorRule> parse_mirror_config(std::string_view text, const fs::path& file) {
  fs::path folder = fs::absolute(file).parent_path();
  std::vector<MirrorRule> rules;
  std::size_t line_number = 0;
  while (!text.empty()) {
    ++line_number;
    auto end = text.find('\n');
    std::string_view line = without_comment(text.substr(0, end));
    text = end == text.npos ? std::string_view() : text.substr(end + 1);
    if (is_blank(line)) {
      continue;
    }
    try {
      rules.push_back(parse_mirror_rule(line, folder));
    } catch (const MirrorError& error) {
      throw MirrorError(file.string() + ":" + std::to_string(line_number) + ": " + error.what());
    }
  }
  return rules;
}

std::vector<MirrorRule> read_mirror_config(const fs::path& file) {
  std::optional<std::string> text;
  try {
    text = dhall::read_regular_file(file);
  } catch (const dhall::Error& error) {
    throw MirrorError("cannot read the mirror configuration " + file.string() + ": " +
                      error.message());
  }
  if (!text) {
    throw MirrorError("the mirror configuration " + file.string() + " does not exist");
  }
  return parse_mirror_config(*text, file);
}

} // namespace polar::network
