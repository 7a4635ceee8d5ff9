#pragma once
// A scratch directory for one test, removed with everything in it when the
// test ends.
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <string_view>

namespace polar::dhall::testing {

class TempTree {
public:
  TempTree()
      : root_(std::filesystem::temp_directory_path() /
              ("polar-imports-test-" + std::to_string(std::random_device{}()))) {
    std::filesystem::create_directories(root_);
  }
  TempTree(const TempTree&) = delete;
  TempTree& operator=(const TempTree&) = delete;
  ~TempTree() {
    std::error_code ignored;
    std::filesystem::remove_all(root_, ignored);
  }

  const std::filesystem::path& root() const { return root_; }

  // Writes `contents` to `relative` below the root, creating directories.
  std::filesystem::path write(const std::filesystem::path& relative,
                              std::string_view contents) const {
    auto path = root_ / relative;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << contents;
    return path;
  }

private:
  std::filesystem::path root_;
};

} // namespace polar::dhall::testing
