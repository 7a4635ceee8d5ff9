#include "support/path_list.h"

#include <algorithm>
#include <string>

#include "support/file_io.h"

namespace polar::dhall {

std::optional<std::vector<std::filesystem::path>>
read_path_list(const std::filesystem::path& list_file) {
  std::optional<std::string> text = read_regular_file(list_file);
  if (!text) {
    return std::nullopt;
  }
  std::vector<std::filesystem::path> paths;
  std::size_t start = 0;
  while (start < text->size()) {
    std::size_t end = std::min(text->find('\n', start), text->size());
    if (end > start) {
      paths.emplace_back(text->substr(start, end - start));
    }
    start = end + 1;
  }
  return paths;
}

} // namespace polar::dhall
