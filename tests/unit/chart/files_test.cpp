// Chart file helpers: atomic writes go through dhall::write_file_atomically
// and fail as a ChartError that names the file.
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "chart/files.h"
#include "chart/written_files.h"
#include "scratch_folder.h"
#include "support/file_io.h"

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

TEST(TemporaryNames, OnePatternNamesAndRecognizesThem) {
  std::string made = dhall::temporary_sibling("charts/x/values.yaml").filename().string();
  EXPECT_TRUE(made.starts_with(".values.yaml.tmp-")) << made;
  EXPECT_TRUE(dhall::is_temporary_name(made));
  EXPECT_TRUE(is_bookkeeping("templates/" + made));
  EXPECT_TRUE(is_bookkeeping(".polar.tmp-12-34/templates/a.yaml")) << "a staged chart";
  EXPECT_TRUE(dhall::is_temporary_name(".greeting.yaml.tmp-1234-98765"));
  for (const char* other :
       {"greeting.yaml", "greeting.yaml.tmp-1-2", ".greeting.yaml.tmp", ".greeting.yaml.tmp-1-",
        ".greeting.yaml.tmp-x-2", ".tmp-1-2", ".a.tmp-12345678901-2"}) {
    EXPECT_FALSE(dhall::is_temporary_name(other)) << other;
  }
  EXPECT_FALSE(dhall::is_abandoned_temporary(made)) << "this process is alive";
  EXPECT_TRUE(is_bookkeeping(".polar-helm-files"));
  EXPECT_FALSE(is_bookkeeping("templates/.polar-helm-files.yaml"));
}

TEST(WrittenFiles, RoundTripsSortedAndRejectsPathsOutside) {
  ScratchFolder folder;
  EXPECT_FALSE(read_written_files(folder.path()).has_value());
  write_written_files(folder.path(), {"b.yaml", "a/c.yaml", "b.yaml"});
  EXPECT_EQ(read_written_files(folder.path()), (std::vector<std::string>{"a/c.yaml", "b.yaml"}));
  for (const char* bad : {"/etc/passwd", "../x", "a/../../x", "a//b", "./a", "a\\b"}) {
    folder.write(".polar-helm-files", std::string("# record\n") + bad + "\n");
    EXPECT_THROW(read_written_files(folder.path()), ChartError) << bad;
  }
}

} // namespace
} // namespace polar::chart
