#pragma once
// Whole-file reads and atomic writes, reporting failures as Error(io).
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "support/shared_bytes.h"

namespace polar::dhall {

// The contents of the regular file at `path`, or nullopt when nothing exists
// there. Anything else that prevents reading it (a directory, a device, no
// permission) throws Error(ErrorKind::io) naming the path: importing
// /dev/zero must fail, not hang.
std::optional<std::string> read_regular_file(const std::filesystem::path& path);
// The same as shared bytes, for cache entries: a large file is mapped into
// memory rather than copied (hashing and decoding read it in place), which
// assumes what holds for both caches' entries: nobody writes to the file
// while it is mapped, because writers rename a new file into place.
std::optional<SharedBytes> map_regular_file(const std::filesystem::path& path);

// Whether an atomic write waits for the disk. `flushed` flushes the
// temporary file before the rename and the folder after it, so a crash
// leaves the old file or the new one, never an empty one: for files that
// matter (committed copies, caches). `unflushed` skips both (an fsync costs
// milliseconds): for build outputs, such as a render's, that a build remakes.
enum class Durability : bool { unflushed, flushed };

// Writes `bytes` to a temporary file next to `path` (temporary_sibling) and
// renames it into place, so readers see either the old file or the complete
// new one. Creates missing parent directories. Throws Error(ErrorKind::io)
// on failure and leaves no temporary file behind (unless the process is
// killed: see is_abandoned_temporary).
void write_file_atomically(const std::filesystem::path& path, std::span<const std::uint8_t> bytes,
                           Durability durability = Durability::flushed);
// The same for bytes made a piece at a time (a cache entry streamed from
// its encoding): `produce` calls the writer it is given with each piece, in
// order. When it throws, the temporary file is removed and nothing replaced.
using PieceWriter = std::function<void(std::span<const std::uint8_t>)>;
void write_file_atomically(const std::filesystem::path& path,
                           const std::function<void(const PieceWriter&)>& produce,
                           Durability durability = Durability::flushed);
// The same for text (rendered YAML, a depfile).
void write_file_atomically(const std::filesystem::path& path, std::string_view text,
                           Durability durability = Durability::flushed);

// A fresh name next to `path` for a temporary file or folder:
// `.<name>.tmp-<pid>-<random>`, the one pattern of polar-helm's temporaries.
std::filesystem::path temporary_sibling(const std::filesystem::path& path);
// Whether `file_name` follows that pattern: never a real output, never synced.
bool is_temporary_name(std::string_view file_name);
// Whether `file_name` is a temporary whose writing process is gone (killed
// before its rename), so nobody will rename or remove it but us.
bool is_abandoned_temporary(std::string_view file_name);

// Writes `bytes` to the file a user named (a command's --output) without
// replacing anything but a regular file: a symlink is followed to its
// target, which is then written like any path; a regular file (or nothing)
// is replaced atomically as above, unflushed (outputs a command or a build
// remakes; an fsync costs milliseconds per file); a device, a FIFO or a socket is opened
// and written in place, as a stream; so is a file named through
// /proc/PID/fd (/dev/stdout, /dev/fd/N), which is an open file, appended to.
// A directory is an error. Throws Error(ErrorKind::io) naming the path.
void write_output_file(const std::filesystem::path& path, std::string_view text);

// The same for text produced a piece at a time (a render streams its
// output): the text goes to the temporary file as it comes, and commit()
// renames it into place, so a render that fails halfway leaves the existing
// file untouched and no temporary behind. For a device, a FIFO or an open
// file (standard output through /dev/stdout), the first in_place_hold_size
// bytes are held until commit(): an output up to that size is written
// whole or not at all; a longer one is written as it comes, and a failure
// after that leaves a prefix in the stream (no file to protect there).
class OutputFileWriter {
public:
  static constexpr std::size_t in_place_hold_size = std::size_t{8} << 20;

  // Follows `path` as write_output_file does and creates the temporary
  // file. Throws Error(ErrorKind::io) naming the path.
  explicit OutputFileWriter(const std::filesystem::path& path);
  OutputFileWriter(const OutputFileWriter&) = delete;
  OutputFileWriter& operator=(const OutputFileWriter&) = delete;
  // Without commit(): removes the temporary file.
  ~OutputFileWriter();

  void write(std::string_view text);
  // Completes the file. `keep_unchanged`: a regular file that already holds
  // exactly the text is left as it is, modification time included (Ninja's
  // restat then skips what depends on it), and the temporary is removed.
  void commit(bool keep_unchanged = false);

private:
  void write_bytes(std::string_view text);
  void open_in_place();
  void abandon() noexcept;

  std::filesystem::path target_;
  std::filesystem::path temporary_; // empty when written in place
  int in_place_flags_ = 0;
  std::string held_; // in place only: the text not yet written
  int descriptor_ = -1;
  bool done_ = false;
};

// Whether `path` reaches, through its symlinks, a link in /proc/PID/fd
// (/dev/stdin, /dev/fd/3): an open file, to be read or written as a stream,
// whose directory means nothing.
bool names_open_file(const std::filesystem::path& path);

// The file writing `path` with write_output_file changes: `path` after its
// symlinks, made absolute; equal results name the same file.
std::filesystem::path output_file_target(const std::filesystem::path& path);

} // namespace polar::dhall
