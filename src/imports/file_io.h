#pragma once
// Whole-file reads and atomic writes, reporting failures as Error(io).
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "binary/shared_bytes.h"

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

// Writes `bytes` to a temporary file next to `path` and renames it into
// place, so readers see either the old file or the complete new one. Creates
// missing parent directories. Throws Error(ErrorKind::io) on failure and
// leaves no temporary file behind.
void write_file_atomically(const std::filesystem::path& path, std::span<const std::uint8_t> bytes);
// The same for text (rendered YAML, a depfile).
void write_file_atomically(const std::filesystem::path& path, std::string_view text);

// Writes `bytes` to the file a user named (a command's --output) without
// replacing anything but a regular file: a symlink is followed to its
// target, which is then written like any path; a regular file (or nothing)
// is replaced atomically as above; a device, a FIFO or a socket is opened
// and written in place, as a stream; so is a file named through
// /proc/PID/fd (/dev/stdout, /dev/fd/N), which is an open file, appended to.
// A directory is an error. Throws Error(ErrorKind::io) naming the path.
void write_output_file(const std::filesystem::path& path, std::string_view text);

// Whether `path` reaches, through its symlinks, a link in /proc/PID/fd
// (/dev/stdin, /dev/fd/3): an open file, to be read or written as a stream,
// whose directory means nothing.
bool names_open_file(const std::filesystem::path& path);

// The file writing `path` with write_output_file changes: `path` after its
// symlinks, made absolute; equal results name the same file.
std::filesystem::path output_file_target(const std::filesystem::path& path);

} // namespace polar::dhall
