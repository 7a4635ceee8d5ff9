#include "support/file_io.h"

#include <algorithm>
#include <cerrno>
#include <random>
#include <system_error>
#include <utility>
#include <vector>

#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
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

// Closes the descriptor it owns.
class FileDescriptor {
public:
  explicit FileDescriptor(int descriptor) : descriptor_(descriptor) {}
  FileDescriptor(FileDescriptor&& other) noexcept : descriptor_(other.release()) {}
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

// Opens a regular file for reading, or returns nullopt when nothing exists
// at `path`. O_NONBLOCK keeps opening a FIFO from waiting for a writer; for
// regular files it changes nothing.
std::optional<FileDescriptor> open_regular_file(const fs::path& path, struct stat& status) {
  int descriptor = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (descriptor < 0) {
    if (errno == ENOENT || errno == ENOTDIR) {
      return std::nullopt;
    }
    fail("cannot read", path, std::error_code(errno, std::generic_category()));
  }
  std::optional<FileDescriptor> file(std::in_place, descriptor);
  if (::fstat(file->get(), &status) != 0) {
    fail("cannot read", path, std::error_code(errno, std::generic_category()));
  }
  if (!S_ISREG(status.st_mode)) {
    throw Error(ErrorKind::io, "cannot read " + path.string() + ": it is not a regular file");
  }
  return file;
}

// The rest of an open file as a std::string or a byte vector: reads of the
// size fstat gave, so a 2.5 MB file takes a few system calls.
template <typename Buffer>
Buffer read_all(const FileDescriptor& file, const struct stat& status, const fs::path& path) {
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

// A read-only mapping of a whole file, unmapped with the last SharedBytes
// that refers to it.
class FileMapping {
public:
  FileMapping(void* address, std::size_t size) : address_(address), size_(size) {}
  FileMapping(const FileMapping&) = delete;
  FileMapping& operator=(const FileMapping&) = delete;
  ~FileMapping() { ::munmap(address_, size_); }
  std::span<const std::uint8_t> bytes() const {
    return {static_cast<const std::uint8_t*>(address_), size_};
  }

private:
  void* address_;
  std::size_t size_;
};

// Below this size, reading costs less than mapping and unmapping.
constexpr std::size_t smallest_mapped_size = 64 * 1024;

constexpr std::string_view temporary_infix = ".tmp-";

// Flushes the folder holding `path`, making a rename into it durable.
std::error_code sync_parent_folder(const fs::path& path) {
  fs::path folder = path.parent_path().empty() ? fs::path(".") : path.parent_path();
  int descriptor = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (descriptor < 0) {
    return {errno, std::generic_category()};
  }
  FileDescriptor directory(descriptor);
  // Some file systems cannot flush a folder (EINVAL): the rename stands.
  if (::fsync(directory.get()) != 0 && errno != EINVAL && errno != ENOTSUP) {
    return {errno, std::generic_category()};
  }
  return {};
}

// The writer's process id in a temporary name, or nullopt when `file_name`
// does not follow the pattern `.<name>.tmp-<pid>-<random>`.
std::optional<pid_t> temporary_writer(std::string_view file_name) {
  auto is_number = [](std::string_view digits) {
    return !digits.empty() && digits.size() <= 20 &&
           std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  std::size_t infix = file_name.rfind(temporary_infix);
  if (!file_name.starts_with('.') || infix == std::string_view::npos || infix < 2) {
    return std::nullopt;
  }
  std::string_view numbers = file_name.substr(infix + temporary_infix.size());
  std::size_t dash = numbers.find('-');
  // At most 9 digits: any pid_t, and std::stol cannot overflow.
  if (dash == std::string_view::npos || dash > 9 || !is_number(numbers.substr(0, dash)) ||
      !is_number(numbers.substr(dash + 1))) {
    return std::nullopt;
  }
  return static_cast<pid_t>(std::stol(std::string(numbers.substr(0, dash))));
}

std::error_code last_error() {
  return {errno, std::generic_category()};
}

// Where a path given as an output leads: the end of its chain of symlinks.
struct OutputTarget {
  fs::path path;
  struct stat status {}; // of `path` itself; st_mode 0 when nothing is there
  // A link in /proc/PID/fd, which names an open file (/dev/stdout,
  // /dev/fd/1) whose path may not even exist (a pipe): written as a stream.
  bool open_file = false;
};

bool is_in_proc(const fs::path& directory) {
  auto component = directory.begin();
  return component != directory.end() && ++component != directory.end() && *component == "proc";
}

OutputTarget follow_symlinks(const fs::path& path) {
  constexpr int max_links = 40; // the kernel's own limit before ELOOP
  OutputTarget target{path};
  for (int links = 0;; ++links) {
    if (::lstat(target.path.c_str(), &target.status) != 0) {
      if (errno != ENOENT) {
        fail("cannot write", path, last_error());
      }
      target.status = {};
      return target;
    }
    if (!S_ISLNK(target.status.st_mode)) {
      return target;
    }
    if (links == max_links) {
      fail("cannot write", path, std::error_code(ELOOP, std::generic_category()));
    }
    std::error_code error;
    fs::path directory = fs::canonical(fs::absolute(target.path).parent_path(), error);
    if (!error && is_in_proc(directory)) {
      target.open_file = true;
      return target;
    }
    fs::path link = fs::read_symlink(target.path, error);
    if (error) {
      fail("cannot write", path, error);
    }
    target.path = link.is_absolute() ? link : target.path.parent_path() / link;
  }
}

// Creates a temporary file next to `path` (and `path`'s directory when it
// is missing), opened for writing into `descriptor`.
fs::path create_temporary_sibling(const fs::path& path, int& descriptor) {
  fs::path temporary = temporary_sibling(path);
  auto create = [&] {
    return ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  };
  descriptor = create();
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
    fail("cannot write", temporary, last_error());
  }
  return temporary;
}

// Whether the regular files `a` and `b` hold the same bytes; false when
// either cannot be read.
bool same_contents(const fs::path& a, const fs::path& b) {
  std::error_code error;
  if (!fs::is_regular_file(b, error) || fs::file_size(a, error) != fs::file_size(b, error) ||
      error) {
    return false;
  }
  FileDescriptor first(::open(a.c_str(), O_RDONLY | O_CLOEXEC));
  FileDescriptor second(::open(b.c_str(), O_RDONLY | O_CLOEXEC));
  if (first.get() < 0 || second.get() < 0) {
    return false;
  }
  constexpr std::size_t piece = 64 * 1024;
  std::vector<char> left(piece);
  std::vector<char> right(piece);
  auto read_piece = [](int descriptor, std::vector<char>& buffer) -> ssize_t {
    std::size_t filled = 0;
    while (filled < buffer.size()) {
      ssize_t count = ::read(descriptor, buffer.data() + filled, buffer.size() - filled);
      if (count < 0 && errno == EINTR) {
        continue;
      }
      if (count <= 0) {
        return count < 0 ? -1 : static_cast<ssize_t>(filled);
      }
      filled += static_cast<std::size_t>(count);
    }
    return static_cast<ssize_t>(filled);
  };
  while (true) {
    ssize_t left_count = read_piece(first.get(), left);
    ssize_t right_count = read_piece(second.get(), right);
    if (left_count < 0 || left_count != right_count) {
      return false;
    }
    if (left_count == 0) {
      return true;
    }
    if (!std::equal(left.begin(), left.begin() + left_count, right.begin())) {
      return false;
    }
  }
}

} // namespace

// A name no other writer (thread or process) picks at the same time. The
// process id matters: a forked child inherits its parent's generator state,
// and two children would otherwise write to one temporary file.
fs::path temporary_sibling(const fs::path& path) {
  thread_local std::mt19937_64 random{std::random_device{}()};
  return path.parent_path() / ("." + path.filename().string() + std::string(temporary_infix) +
                               std::to_string(::getpid()) + "-" + std::to_string(random()));
}

bool is_temporary_name(std::string_view file_name) {
  return temporary_writer(file_name).has_value();
}

bool is_abandoned_temporary(std::string_view file_name) {
  std::optional<pid_t> writer = temporary_writer(file_name);
  // kill(pid, 0) probes without signalling: ESRCH means no such process.
  return writer && *writer > 0 && ::kill(*writer, 0) != 0 && errno == ESRCH;
}

std::optional<std::string> read_regular_file(const fs::path& path) {
  struct stat status {};
  auto file = open_regular_file(path, status);
  if (!file) {
    return std::nullopt;
  }
  return read_all<std::string>(*file, status, path);
}

std::optional<SharedBytes> map_regular_file(const fs::path& path) {
  struct stat status {};
  auto file = open_regular_file(path, status);
  if (!file) {
    return std::nullopt;
  }
  auto size = static_cast<std::size_t>(status.st_size);
  if (size < smallest_mapped_size) {
    return SharedBytes(read_all<std::vector<std::uint8_t>>(*file, status, path));
  }
  // MAP_POPULATE maps every page now: the caller hashes all of them anyway,
  // and one call costs less than a page fault per 4 KiB.
  void* address = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, file->get(), 0);
  if (address == MAP_FAILED) {
    fail("cannot map", path, std::error_code(errno, std::generic_category()));
  }
  auto mapping = std::make_shared<const FileMapping>(address, size);
  return SharedBytes(mapping, mapping->bytes());
}

void write_file_atomically(const fs::path& path,
                           const std::function<void(const PieceWriter&)>& produce,
                           Durability durability) {
  bool flushed = durability == Durability::flushed;
  int descriptor = -1;
  auto temporary = create_temporary_sibling(path, descriptor);
  std::error_code error;
  {
    FileDescriptor file(descriptor);
    // Small pieces are gathered: an encoding streams a piece per shared part.
    constexpr std::size_t buffer_size = std::size_t{256} << 10;
    std::vector<std::uint8_t> buffer;
    auto flush = [&] {
      if (!error && !buffer.empty()) {
        error = write_all(file.get(), buffer);
      }
      buffer.clear();
    };
    PieceWriter write = [&](std::span<const std::uint8_t> piece) {
      if (buffer.size() + piece.size() > buffer_size) {
        flush();
      }
      if (piece.size() >= buffer_size) {
        error = error ? error : write_all(file.get(), piece);
        return;
      }
      buffer.insert(buffer.end(), piece.begin(), piece.end());
    };
    try {
      produce(write);
    } catch (...) {
      std::error_code ignored;
      fs::remove(temporary, ignored);
      throw;
    }
    flush();
    // The data reaches the disk before the rename makes it the file's.
    if (!error && flushed && ::fsync(file.get()) != 0) {
      error = std::error_code(errno, std::generic_category());
    }
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
  if (std::error_code folder_error = flushed ? sync_parent_folder(path) : std::error_code()) {
    fail("cannot flush the folder of", path, folder_error);
  }
}

void write_file_atomically(const fs::path& path, std::span<const std::uint8_t> bytes,
                           Durability durability) {
  write_file_atomically(
      path, [&](const PieceWriter& write) { write(bytes); }, durability);
}

void write_file_atomically(const fs::path& path, std::string_view text, Durability durability) {
  write_file_atomically(
      path, std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()), durability);
}

void write_output_file(const fs::path& path, std::string_view text) {
  OutputFileWriter writer(path);
  writer.write(text);
  writer.commit();
}

OutputFileWriter::OutputFileWriter(const fs::path& path) {
  OutputTarget target = follow_symlinks(path);
  mode_t mode = target.status.st_mode;
  target_ = target.path;
  if (target.open_file) {
    in_place_flags_ = O_APPEND;
  } else if (mode == 0 || S_ISREG(mode)) {
    temporary_ = create_temporary_sibling(target_, descriptor_);
  } else if (S_ISDIR(mode)) {
    throw Error(ErrorKind::io, "cannot write " + path.string() + ": it is a directory");
  }
}

OutputFileWriter::~OutputFileWriter() {
  abandon();
}

void OutputFileWriter::abandon() noexcept {
  if (descriptor_ >= 0) {
    ::close(descriptor_);
    descriptor_ = -1;
  }
  if (!done_ && !temporary_.empty()) {
    std::error_code ignored;
    fs::remove(temporary_, ignored);
  }
  done_ = true;
}

void OutputFileWriter::write(std::string_view text) {
  if (temporary_.empty() && descriptor_ < 0) {
    held_ += text;
    if (held_.size() <= in_place_hold_size) {
      return;
    }
    open_in_place();
    write_bytes(std::exchange(held_, {}));
    return;
  }
  write_bytes(text);
}

void OutputFileWriter::write_bytes(std::string_view text) {
  std::error_code error = write_all(
      descriptor_, std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
  if (error) {
    abandon();
    fail("cannot write", target_, error);
  }
}

// A device, a FIFO or an open file is not ours to replace. A FIFO waits for
// its reader.
void OutputFileWriter::open_in_place() {
  descriptor_ = ::open(target_.c_str(), O_WRONLY | O_CLOEXEC | in_place_flags_);
  if (descriptor_ < 0) {
    std::error_code error = last_error();
    abandon();
    fail("cannot write", target_, error);
  }
}

void OutputFileWriter::commit(bool keep_unchanged) {
  if (temporary_.empty() && descriptor_ < 0) {
    open_in_place();
    write_bytes(std::exchange(held_, {}));
  }
  std::error_code error;
  // The file's time is when it is complete, not when its last piece was
  // written: a file written in between (an environment stamp) stays older.
  if (!temporary_.empty() && ::futimens(descriptor_, nullptr) != 0) {
    error = last_error();
  }
  if (::close(std::exchange(descriptor_, -1)) != 0 && !error) {
    error = last_error();
  } else if (!temporary_.empty() && keep_unchanged && same_contents(temporary_, target_)) {
    fs::remove(temporary_, error);
  } else if (!temporary_.empty()) {
    fs::rename(temporary_, target_, error);
  }
  if (error) {
    abandon();
    fail("cannot write", target_, error);
  }
  done_ = true;
}

bool names_open_file(const fs::path& path) {
  try {
    return follow_symlinks(path).open_file;
  } catch (const Error&) {
    return false; // whoever opens it says why it cannot be
  }
}

fs::path output_file_target(const fs::path& path) {
  fs::path target = fs::absolute(follow_symlinks(path).path);
  std::error_code error;
  fs::path canonical = fs::weakly_canonical(target, error);
  return error ? target.lexically_normal() : canonical;
}

} // namespace polar::dhall
