#pragma once
// File helpers the chart steps share: whole-file reads, writes that never
// leave a half-written file, and listings of a tree.
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "support/file_io.h"

namespace polar::chart {

// A chart step that cannot go on: a missing file, a layout or dependency
// mistake. The message names the file and says what was expected.
class ChartError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

// The bytes of `file`; throws ChartError when it cannot be read.
std::string read_file(const std::filesystem::path& file);

// Writes `contents` to `file` through a temporary file in the same folder
// renamed over it, creating the folders on the way
// (dhall::write_file_atomically, flushed to disk unless said otherwise);
// throws ChartError.
void write_file_atomically(const std::filesystem::path& file, const std::string& contents,
                           dhall::Durability durability = dhall::Durability::flushed);

// Removes `folder` and then its parents while they are empty, stopping at
// `root` (which stays).
void remove_empty_folders(const std::filesystem::path& root, std::filesystem::path folder);

// The regular files below `root`, as sorted paths relative to it with `/`
// separators; empty when `root` does not exist.
std::vector<std::string> list_files(const std::filesystem::path& root);

} // namespace polar::chart
