#include "chart/files.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <system_error>

#include <fmt/core.h>

#include "support/file_io.h"
#include "syntax/source.h"

namespace polar::chart {

namespace fs = std::filesystem;

std::string read_file(const fs::path& file) {
  std::ifstream stream(file, std::ios::binary);
  if (!stream) {
    throw ChartError(fmt::format("cannot read {}", file.string()));
  }
  std::ostringstream contents;
  contents << stream.rdbuf();
  return std::move(contents).str();
}

void write_file_atomically(const fs::path& file, const std::string& contents,
                           dhall::Durability durability) {
  try {
    dhall::write_file_atomically(file, std::string_view(contents), durability);
  } catch (const dhall::Error& error) {
    throw ChartError(error.message());
  }
}

void remove_empty_folders(const fs::path& root, fs::path folder) {
  std::error_code error;
  while (folder != root && folder.string().size() > root.string().size() &&
         fs::is_empty(folder, error) && !error) {
    fs::remove(folder, error);
    folder = folder.parent_path();
  }
}

std::vector<std::string> list_files(const fs::path& root) {
  std::vector<std::string> files;
  std::error_code error;
  if (!fs::is_directory(root, error)) {
    return files;
  }
  for (auto entry = fs::recursive_directory_iterator(root, error);
       !error && entry != fs::recursive_directory_iterator(); entry.increment(error)) {
    if (entry->is_regular_file(error)) {
      files.push_back(fs::relative(entry->path(), root, error).generic_string());
    }
  }
  if (error) {
    throw ChartError(fmt::format("cannot list {}: {}", root.string(), error.message()));
  }
  std::sort(files.begin(), files.end());
  return files;
}

} // namespace polar::chart
