#include "imports/file_io.h"

#include <cerrno>
#include <fstream>
#include <iterator>
#include <random>
#include <system_error>

#include <unistd.h>

#include "syntax/source.h"

namespace polar::dhall {
namespace fs = std::filesystem;
namespace {

[[noreturn]] void fail(const std::string& what, const fs::path& path,
                       const std::error_code& error) {
  throw Error(ErrorKind::io, what + " " + path.string() + ": " + error.message());
}

// A name no other writer (thread or process) picks at the same time. The
// process id matters: a forked child inherits its parent's generator state,
// and two children would otherwise write to one temporary file.
fs::path temporary_sibling(const fs::path& path) {
  thread_local std::mt19937_64 random{std::random_device{}()};
  return path.parent_path() / ("." + path.filename().string() + ".tmp-" +
                               std::to_string(::getpid()) + "-" + std::to_string(random()));
}

} // namespace

std::optional<std::string> read_regular_file(const fs::path& path) {
  std::error_code error;
  auto status = fs::status(path, error);
  if (status.type() == fs::file_type::not_found) {
    return std::nullopt;
  }
  if (error) {
    fail("cannot read", path, error);
  }
  if (status.type() != fs::file_type::regular) {
    throw Error(ErrorKind::io, "cannot read " + path.string() + ": it is not a regular file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    fail("cannot read", path, std::error_code(errno, std::generic_category()));
  }
  std::string contents{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) {
    fail("cannot read", path, std::make_error_code(std::errc::io_error));
  }
  return contents;
}

void write_file_atomically(const fs::path& path, std::span<const std::uint8_t> bytes) {
  std::error_code error;
  fs::create_directories(path.parent_path(), error);
  if (error) {
    fail("cannot create the directory of", path, error);
  }
  auto temporary = temporary_sibling(path);
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()),
              static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) {
      fs::remove(temporary, error);
      fail("cannot write", temporary, std::make_error_code(std::errc::io_error));
    }
  }
  fs::rename(temporary, path, error);
  if (error) {
    std::error_code ignored;
    fs::remove(temporary, ignored);
    fail("cannot move a new file into", path, error);
  }
}

void write_file_atomically(const fs::path& path, std::string_view text) {
  write_file_atomically(path,
                        std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
}

} // namespace polar::dhall
