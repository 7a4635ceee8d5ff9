#include "chart/written_files.h"

#include <algorithm>
#include <sstream>
#include <system_error>

#include <fmt/core.h>

#include "chart/files.h"
#include "support/file_io.h"
#include "syntax/source.h"

namespace polar::chart {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view header =
    "# Written by polar-helm: the files it wrote into this folder, the only ones it will\n"
    "# update or remove here. Other files are not polar-helm's and are left alone.\n";

// Whether `file` names a file inside the folder: relative, no `.` or `..`
// segment, no empty segment.
bool is_plain_relative_path(std::string_view file) {
  if (file.empty() || file.starts_with('/') || file.find('\\') != std::string_view::npos) {
    return false;
  }
  std::size_t start = 0;
  while (start <= file.size()) {
    std::size_t end = std::min(file.find('/', start), file.size());
    std::string_view segment = file.substr(start, end - start);
    if (segment.empty() || segment == "." || segment == "..") {
      return false;
    }
    start = end + 1;
  }
  return true;
}

std::string_view file_name_of(std::string_view file) {
  std::size_t slash = file.rfind('/');
  return slash == std::string_view::npos ? file : file.substr(slash + 1);
}

} // namespace

std::optional<std::vector<std::string>> read_written_files(const fs::path& folder) {
  fs::path record = folder / written_files_name;
  std::error_code error;
  if (!fs::exists(record, error)) {
    return std::nullopt;
  }
  std::vector<std::string> files;
  std::istringstream lines(read_file(record));
  std::size_t number = 0;
  for (std::string line; std::getline(lines, line);) {
    ++number;
    if (line.empty() || line.starts_with('#')) {
      continue;
    }
    if (!is_plain_relative_path(line) || is_bookkeeping(line)) {
      throw ChartError(fmt::format("{}:{}:1: expected a path relative to {} (no `..`, no leading "
                                   "`/`), found `{}`",
                                   record.string(), number, folder.string(), line));
    }
    files.push_back(std::move(line));
  }
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  return files;
}

void write_written_files(const fs::path& folder, std::vector<std::string> files,
                         dhall::Durability durability) {
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  std::string text(header);
  for (const std::string& file : files) {
    text += file + "\n";
  }
  std::optional<std::string> current;
  try {
    current = dhall::read_regular_file(folder / written_files_name);
  } catch (const dhall::Error&) {
    // not a file: the write below says why
  }
  if (current != text) {
    write_file_atomically(folder / written_files_name, text, durability);
  }
}

bool is_bookkeeping(std::string_view file) {
  if (file == written_files_name) {
    return true;
  }
  // A temporary file, or a file in a temporary folder (a staged chart).
  std::size_t start = 0;
  while (start < file.size()) {
    std::size_t end = std::min(file.find('/', start), file.size());
    if (dhall::is_temporary_name(file.substr(start, end - start))) {
      return true;
    }
    start = end + 1;
  }
  return false;
}

std::vector<std::string> content_files(const fs::path& folder) {
  std::vector<std::string> files = list_files(folder);
  std::erase_if(files, [](const std::string& file) { return is_bookkeeping(file); });
  return files;
}

void remove_abandoned_temporaries(const fs::path& folder) {
  for (const std::string& file : list_files(folder)) {
    if (dhall::is_abandoned_temporary(file_name_of(file))) {
      std::error_code error;
      fs::remove(folder / file, error);
      if (error) {
        throw ChartError(fmt::format("cannot remove the abandoned temporary file {}: {}",
                                     (folder / file).string(), error.message()));
      }
    }
  }
}

} // namespace polar::chart
