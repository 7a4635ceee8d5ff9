#include "render/depfile.h"

#include "syntax/source.h"

namespace polar::render {
namespace {

void append_escaped(std::string& out, const std::filesystem::path& path) {
  const std::string& text = path.native();
  if (text.find_first_of("\n\r") != std::string::npos) {
    throw dhall::Error(dhall::ErrorKind::io,
                       "cannot list " + text + " in a depfile: its name has a line break");
  }
  std::size_t backslashes = 0; // directly before the current character
  for (char c : text) {
    if (c == ' ' || c == '\t') {
      out.append(backslashes + 1, '\\');
    } else if (c == '#') {
      out += '\\';
    } else if (c == '$') {
      out += '$';
    }
    out += c;
    backslashes = c == '\\' ? backslashes + 1 : 0;
  }
}

} // namespace

std::string format_depfile(const std::filesystem::path& target,
                           const std::vector<std::filesystem::path>& dependencies) {
  std::string out;
  append_escaped(out, target);
  out += ':';
  for (const auto& dependency : dependencies) {
    out += " \\\n  ";
    append_escaped(out, dependency);
  }
  out += '\n';
  return out;
}

} // namespace polar::render
