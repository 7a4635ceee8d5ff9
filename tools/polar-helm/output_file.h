#pragma once
// Writing a command's output file the way every build output is written:
// atomically, never renamed over anything but a regular file
// (imports/file_io.h), and left untouched when it already holds the text.
#include <filesystem>
#include <string>

namespace polar::cli {

// Writes `text` to `path` unless it holds `text` already: an unchanged
// output keeps its modification time, so Ninja (restat) skips what depends
// on it. Throws EnvironmentError (report.h) when it cannot be written.
void write_output(const std::filesystem::path& path, const std::string& text);

} // namespace polar::cli
