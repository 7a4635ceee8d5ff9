// write_output_file replaces only regular files (issue #14 item 2): what a
// command's --output names is written through, never renamed over.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../imports/temp_tree.h"
#include "support/file_io.h"
#include "syntax/source.h"

namespace polar::dhall {
namespace {

namespace fs = std::filesystem;
using testing::TempTree;

std::string contents(const fs::path& path) {
  std::ifstream stream(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(stream), std::istreambuf_iterator<char>()};
}

TEST(OutputFile, ReplacesARegularFileAndCreatesAMissingOne) {
  TempTree tree;
  fs::path existing = tree.write("existing.yaml", "old");
  write_output_file(existing, "new");
  EXPECT_EQ(contents(existing), "new");
  write_output_file(tree.root() / "sub" / "fresh.yaml", "fresh");
  EXPECT_EQ(contents(tree.root() / "sub" / "fresh.yaml"), "fresh");
}

TEST(OutputFile, WritesThroughSymlinksToTheirTarget) {
  TempTree tree;
  fs::path target = tree.write("target.yaml", "old");
  fs::create_symlink("target.yaml", tree.root() / "link.yaml");
  write_output_file(tree.root() / "link.yaml", "new");
  EXPECT_TRUE(fs::is_symlink(tree.root() / "link.yaml"));
  EXPECT_EQ(contents(target), "new");
  // A dangling chain: the file is created where it ends.
  fs::create_directories(tree.root() / "d");
  fs::create_symlink("d/second", tree.root() / "first");
  fs::create_symlink("end.yaml", tree.root() / "d" / "second");
  write_output_file(tree.root() / "first", "end");
  EXPECT_TRUE(fs::is_symlink(tree.root() / "first"));
  EXPECT_EQ(contents(tree.root() / "d" / "end.yaml"), "end");
  EXPECT_EQ(output_file_target(tree.root() / "first"),
            output_file_target(tree.root() / "d" / "end.yaml"));
}

TEST(OutputFile, WritesIntoAFifoAsAStream) {
  TempTree tree;
  fs::path fifo = tree.root() / "fifo";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::string received;
  // The writer's open waits for this reader, and the reader's for the writer.
  std::thread reader([&] { received = contents(fifo); });
  write_output_file(fifo, "streamed");
  reader.join();
  EXPECT_EQ(received, "streamed");
  EXPECT_TRUE(fs::is_fifo(fifo));
}

// Streamed outputs (issue #16): the text goes to a temporary as it comes,
// and only commit() puts it in place.
TEST(OutputFile, AStreamedFileIsReplacedOnlyOnCommit) {
  TempTree tree;
  fs::path existing = tree.write("out.yaml", "old");
  {
    OutputFileWriter writer(existing);
    writer.write("half of ");
    EXPECT_EQ(contents(existing), "old");
    // Destroyed without commit(): a render failed halfway.
  }
  EXPECT_EQ(contents(existing), "old");
  EXPECT_EQ(std::distance(fs::directory_iterator(tree.root()), fs::directory_iterator()), 1);
  {
    OutputFileWriter writer(existing);
    writer.write("new ");
    writer.write("text");
    writer.commit();
  }
  EXPECT_EQ(contents(existing), "new text");
  EXPECT_EQ(std::distance(fs::directory_iterator(tree.root()), fs::directory_iterator()), 1);
}

TEST(OutputFile, ACommitThatChangesNothingKeepsTheFileAndItsTime) {
  TempTree tree;
  fs::path existing = tree.write("out.yaml", "same text");
  auto old_time = fs::file_time_type::clock::now() - std::chrono::hours(24);
  fs::last_write_time(existing, old_time);
  {
    OutputFileWriter writer(existing);
    writer.write("same text");
    writer.commit(/*keep_unchanged=*/true);
  }
  EXPECT_EQ(fs::last_write_time(existing), old_time);
  {
    OutputFileWriter writer(existing);
    writer.write("same text, longer");
    writer.commit(/*keep_unchanged=*/true);
  }
  EXPECT_EQ(contents(existing), "same text, longer");
  EXPECT_GT(fs::last_write_time(existing), old_time);
  EXPECT_EQ(std::distance(fs::directory_iterator(tree.root()), fs::directory_iterator()), 1);
}

TEST(OutputFile, AStreamToAFifoStartsOnlyAtCommitOrPastTheHoldSize) {
  TempTree tree;
  fs::path fifo = tree.root() / "fifo";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  {
    // No reader: opening the FIFO would wait for one, so nothing may open it.
    OutputFileWriter writer(fifo);
    writer.write("held, then dropped");
  }
  std::string received;
  std::thread reader([&] { received = contents(fifo); });
  std::string large(OutputFileWriter::in_place_hold_size + 1, 'x');
  {
    OutputFileWriter writer(fifo);
    writer.write(large); // past the hold size: opens and writes
    writer.write("end");
    writer.commit();
  }
  reader.join();
  EXPECT_EQ(received, large + "end");
  EXPECT_TRUE(fs::is_fifo(fifo));
}

TEST(OutputFile, RefusesADirectoryAndASymlinkLoop) {
  TempTree tree;
  fs::create_directories(tree.root() / "folder");
  EXPECT_THROW(write_output_file(tree.root() / "folder", "x"), Error);
  EXPECT_TRUE(fs::is_empty(tree.root() / "folder"));
  fs::create_symlink("loop", tree.root() / "loop");
  EXPECT_THROW(write_output_file(tree.root() / "loop", "x"), Error);
  EXPECT_TRUE(fs::is_symlink(tree.root() / "loop"));
}

TEST(OutputFile, TellsOpenFilesFromFiles) {
  TempTree tree;
  fs::path file = tree.write("file.dhall", "1");
  int descriptor = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  ASSERT_GE(descriptor, 0);
  std::string number = std::to_string(descriptor);
  EXPECT_TRUE(names_open_file("/proc/self/fd/" + number));
  EXPECT_TRUE(names_open_file("/dev/fd/" + number)); // /dev/fd is a link to /proc/self/fd
  ::close(descriptor);
  EXPECT_FALSE(names_open_file(file));
  EXPECT_FALSE(names_open_file(tree.root() / "missing.dhall"));
}

} // namespace
} // namespace polar::dhall
