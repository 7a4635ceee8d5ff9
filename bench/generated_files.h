#pragma once
// Writing the files of a generated benchmark input (bench/generate_*.cpp).
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>

namespace polar::bench {

// Writes `text` to `directory / relative`, creating the folders on the way.
// Generated inputs live in the build tree only; a failure stops the build.
inline void write_generated_file(const std::filesystem::path& directory,
                                 const std::filesystem::path& relative, std::string_view text) {
  auto path = directory / relative;
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out.flush()) {
    throw std::runtime_error("cannot write " + path.string());
  }
}

} // namespace polar::bench
