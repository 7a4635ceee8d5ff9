#pragma once
// A folder of its own for one test, removed with it.
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "chart/files.h"

namespace polar::chart::testing {

class ScratchFolder {
public:
  ScratchFolder() {
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = std::filesystem::temp_directory_path() /
            (std::string("polar-helm-") + test->test_suite_name() + "-" + test->name());
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~ScratchFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  ScratchFolder(const ScratchFolder&) = delete;
  ScratchFolder& operator=(const ScratchFolder&) = delete;

  const std::filesystem::path& path() const { return path_; }

  // Writes `contents` to `relative`, creating the folders on the way.
  void write(const std::string& relative, const std::string& contents) const {
    write_file_atomically(path_ / relative, contents);
  }

private:
  std::filesystem::path path_;
};

} // namespace polar::chart::testing
