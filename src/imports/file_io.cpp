#include "imports/file_io.h"

#include <algorithm>
#include <cerrno>
#include <random>
#include <system_error>
#include <utility>

#include <fcntl.h>
#include <sys/stat.h>
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

// Closes the descriptor it owns.
class FileDescriptor {
public:
  explicit FileDescriptor(int descriptor) : descriptor_(descriptor) {}
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor() {
    if (descriptor_ >= 0) {
      ::close(descriptor_);
    }
  }
  int get() const { return descriptor_; }
  // Gives up ownership, for a close whose failure matters.
  int release() { return std::exchange(descriptor_, -1); }

private:
  int descriptor_;
};

// Writes all of `bytes`, resuming after short writes and signals.
std::error_code write_all(int descriptor, std::span<const std::uint8_t> bytes) {
  while (!bytes.empty()) {
    ssize_t count = ::write(descriptor, bytes.data(), bytes.size());
    if (count < 0 && errno == EINTR) {
      continue;
    }
    if (count < 0) {
      return {errno, std::generic_category()};
    }
    bytes = bytes.subspan(static_cast<std::size_t>(count));
  }
  return {};
}

// The contents of a regular file as a std::string or a byte vector.
template <typename Buffer>
std::optional<Buffer> read_whole_file(const fs::path& path) {
  // One open, one fstat and reads of the whole size: a 2.5 MB cache entry is
  // read in a few system calls. O_NONBLOCK keeps opening a FIFO from waiting
  // for a writer; for regular files it changes nothing.
  int descriptor = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (descriptor < 0) {
    if (errno == ENOENT || errno == ENOTDIR) {
      return std::nullopt;
    }
    fail("cannot read", path, std::error_code(errno, std::generic_category()));
  }
  FileDescriptor file(descriptor);
  struct stat status {};
  if (::fstat(file.get(), &status) != 0) {
    fail("cannot read", path, std::error_code(errno, std::generic_category()));
  }
  if (!S_ISREG(status.st_mode)) {
    throw Error(ErrorKind::io, "cannot read " + path.string() + ": it is not a regular file");
  }
  // One byte more than the size, so that the read that finds the end needs
  // no reallocation.
  Buffer contents(static_cast<std::size_t>(status.st_size) + 1, 0);
  std::size_t filled = 0;
  while (true) {
    if (filled == contents.size()) {
      // The file grew since fstat: read on until the end.
      contents.resize(contents.size() + std::max<std::size_t>(contents.size() / 2, 4096));
    }
    ssize_t count = ::read(file.get(), contents.data() + filled, contents.size() - filled);
    if (count < 0 && errno == EINTR) {
      continue;
    }
    if (count < 0) {
      fail("cannot read", path, std::error_code(errno, std::generic_category()));
    }
    if (count == 0) {
      break;
    }
    filled += static_cast<std::size_t>(count);
  }
  contents.resize(filled);
  return contents;
}

} // namespace

std::optional<std::string> read_regular_file(const fs::path& path) {
  return read_whole_file<std::string>(path);
}

std::optional<std::vector<std::uint8_t>> read_regular_file_bytes(const fs::path& path) {
  return read_whole_file<std::vector<std::uint8_t>>(path);
}

void write_file_atomically(const fs::path& path, std::span<const std::uint8_t> bytes) {
  auto temporary = temporary_sibling(path);
  auto create = [&] {
    return ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  };
  int descriptor = create();
  if (descriptor < 0 && errno == ENOENT) {
    // The directory is created only when missing: a cache directory that
    // exists costs no system calls per entry.
    std::error_code error;
    fs::create_directories(path.parent_path(), error);
    if (error) {
      fail("cannot create the directory of", path, error);
    }
    descriptor = create();
  }
  if (descriptor < 0) {
    fail("cannot write", temporary, std::error_code(errno, std::generic_category()));
  }
  std::error_code error;
  {
    FileDescriptor file(descriptor);
    error = write_all(file.get(), bytes);
    if (!error && ::close(file.release()) != 0) {
      error = std::error_code(errno, std::generic_category());
    }
  }
  if (!error) {
    fs::rename(temporary, path, error);
  }
  if (error) {
    std::error_code ignored;
    fs::remove(temporary, ignored);
    fail("cannot write", path, error);
  }
}

void write_file_atomically(const fs::path& path, std::string_view text) {
  write_file_atomically(path,
                        std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
}

} // namespace polar::dhall
