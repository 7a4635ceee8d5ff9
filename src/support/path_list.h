#pragma once
// Files that name other files one per line, as the CMake module writes them
// (a chart's watched environment stamps, the sources its variables check
// walks).
#include <filesystem>
#include <optional>
#include <vector>

namespace polar::dhall {

// The paths `list_file` names, one per line, empty lines skipped; nullopt
// when it does not exist. Throws Error (io) when it cannot be read.
std::optional<std::vector<std::filesystem::path>>
read_path_list(const std::filesystem::path& list_file);

} // namespace polar::dhall
