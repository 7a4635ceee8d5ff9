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

} // namespace polar::dhall
