// Chart file helpers: atomic writes go through dhall::write_file_atomically
// and fail as a ChartError that names the file.
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "chart/files.h"
#include "scratch_folder.h"

namespace polar::chart {
namespace {

using testing::ScratchFolder;

TEST(WriteFileAtomically, ReplacesTheFileAndCreatesFolders) {
  ScratchFolder folder;
  auto file = folder.path() / "a/b/values.yaml";
  write_file_atomically(file, "old: 1\n");
  write_file_atomically(file, "new: 2\n");
  EXPECT_EQ(read_file(file), "new: 2\n");
  EXPECT_EQ(list_files(folder.path()), std::vector<std::string>{"a/b/values.yaml"});
}

TEST(WriteFileAtomically, FailsAsAChartErrorAndLeavesNothingBehind) {
  ScratchFolder folder;
  std::filesystem::create_directories(folder.path() / "taken");
  try {
    write_file_atomically(folder.path() / "taken", "x");
    ADD_FAILURE() << "a folder was replaced by a file";
  } catch (const ChartError& error) {
    EXPECT_NE(std::string(error.what()).find("taken"), std::string::npos) << error.what();
  }
  EXPECT_TRUE(list_files(folder.path()).empty()); // no temporary file left
  EXPECT_TRUE(std::filesystem::is_directory(folder.path() / "taken"));
}

} // namespace
} // namespace polar::chart
