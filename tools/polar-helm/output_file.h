#pragma once
// Writing a command's output file the way every build output is written:
// atomically, never renamed over anything but a regular file
// (support/file_io.h), and left untouched when it already holds the text.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "render/text_sink.h"

namespace polar::dhall {
class OutputFileWriter;
}

namespace polar::cli {

// Writes `text` to `path` unless it holds `text` already: an unchanged
// output keeps its modification time, so Ninja (restat) skips what depends
// on it. Throws EnvironmentError (report.h) when it cannot be written.
void write_output(const std::filesystem::path& path, const std::string& text);

// The same to `path` when there is one, else to standard output (flushed).
void write_output_or_stdout(const std::optional<std::filesystem::path>& path,
                            const std::string& text);

// The depfile saying that `target` was made from `dependencies`
// (render/depfile.h), computed before any output is written. Throws
// EnvironmentError for a path no depfile can name.
std::string depfile_text(const std::filesystem::path& target,
                         const std::vector<std::filesystem::path>& dependencies);

// The same for text that comes a piece at a time (a streamed render), to
// `path` or, without one, to standard output. Nothing is touched before the
// first piece comes; a file gets its text through a temporary that only
// commit() renames into place, so an error before commit() (the
// destructor) leaves the file as it was. Standard output gets the first
// dhall::OutputFileWriter::in_place_hold_size bytes at commit() and the
// rest as it comes. Throws EnvironmentError when it cannot be written.
class StreamedOutput final : public render::TextSink {
public:
  explicit StreamedOutput(std::optional<std::filesystem::path> path);
  StreamedOutput(const StreamedOutput&) = delete;
  StreamedOutput& operator=(const StreamedOutput&) = delete;
  ~StreamedOutput() override;

  void write(std::string_view text) override;
  void commit();

private:
  void write_to_standard_output(std::string_view text);

  std::optional<std::filesystem::path> path_;
  std::unique_ptr<dhall::OutputFileWriter> file_;
  std::string held_; // standard output only
  bool streaming_ = false;
};

} // namespace polar::cli
