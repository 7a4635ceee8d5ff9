#include "secrets/filter_command.h"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <csignal>
#include <cstring>
#include <optional>
#include <utility>

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "secrets/error.h"

extern char** environ;

namespace polar::secrets {
namespace {

[[noreturn]] void fail_input(const std::string& what) {
  throw Error(ErrorKind::input, "the encrypt command: " + what);
}

// One end of a pipe, closed when it goes out of scope.
class FileDescriptor {
public:
  FileDescriptor() = default;
  explicit FileDescriptor(int fd) : fd_(fd) {}
  FileDescriptor(FileDescriptor&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  FileDescriptor& operator=(FileDescriptor&& other) noexcept {
    std::swap(fd_, other.fd_);
    return *this;
  }
  ~FileDescriptor() { reset(); }
  int get() const { return fd_; }
  void reset() {
    if (fd_ >= 0) {
      ::close(fd_);
      fd_ = -1;
    }
  }

private:
  int fd_ = -1;
};

struct Pipe {
  FileDescriptor read;
  FileDescriptor write;
};

Pipe make_pipe(const std::string& program) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    throw Error(ErrorKind::command,
                "cannot create a pipe for " + program + ": " + std::strerror(errno));
  }
  return {FileDescriptor(fds[0]), FileDescriptor(fds[1])};
}

// Spawn attributes and file actions, destroyed when done.
struct SpawnSetup {
  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attributes;
  SpawnSetup() {
    posix_spawn_file_actions_init(&actions);
    posix_spawnattr_init(&attributes);
  }
  ~SpawnSetup() {
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
  }
  SpawnSetup(const SpawnSetup&) = delete;
  SpawnSetup& operator=(const SpawnSetup&) = delete;
};

// SIGPIPE ignored while writing to a child that may exit early (the write
// then fails with EPIPE instead of killing us); restored on scope exit.
class IgnoredSigpipe {
public:
  IgnoredSigpipe() {
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    sigaction(SIGPIPE, &ignore, &previous_);
  }
  ~IgnoredSigpipe() { sigaction(SIGPIPE, &previous_, nullptr); }
  IgnoredSigpipe(const IgnoredSigpipe&) = delete;
  IgnoredSigpipe& operator=(const IgnoredSigpipe&) = delete;

private:
  struct sigaction previous_ {};
};

pid_t spawn(const std::vector<std::string>& command, Pipe& input, Pipe& output) {
  SpawnSetup setup;
  // dup2 clears close-on-exec on the child's copies only.
  posix_spawn_file_actions_adddup2(&setup.actions, input.read.get(), STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&setup.actions, output.write.get(), STDOUT_FILENO);
  // The child starts with SIGPIPE at its default even though we ignore it.
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGPIPE);
  posix_spawnattr_setsigdefault(&setup.attributes, &defaults);
  posix_spawnattr_setflags(&setup.attributes, POSIX_SPAWN_SETSIGDEF);

  std::vector<char*> argv;
  for (const std::string& word : command) {
    argv.push_back(const_cast<char*>(word.c_str()));
  }
  argv.push_back(nullptr);
  pid_t child = 0;
  if (int error =
          posix_spawnp(&child, argv[0], &setup.actions, &setup.attributes, argv.data(), environ);
      error != 0) {
    throw Error(ErrorKind::command,
                "cannot run the encrypt command " + command[0] + ": " + std::strerror(error));
  }
  return child;
}

// Writes `input` to `to` and reads `from` until its end, both at once so that
// neither side blocks on a full pipe. A child that stops reading early is not
// an error here: its exit status says what happened.
std::string exchange(std::string_view input, FileDescriptor& to, FileDescriptor& from) {
  std::string output;
  char buffer[16384];
  if (input.empty()) {
    to.reset();
  }
  while (from.get() >= 0) {
    pollfd fds[2] = {{from.get(), POLLIN, 0}, {to.get(), POLLOUT, 0}};
    nfds_t count = to.get() >= 0 ? 2 : 1;
    if (::poll(fds, count, -1) < 0) {
      if (errno == EINTR) {
        continue;
      }
      throw Error(ErrorKind::command, std::string("poll failed: ") + std::strerror(errno));
    }
    if (count == 2 && fds[1].revents != 0) {
      // Up to PIPE_BUF bytes: what POLLOUT promises to take without blocking.
      ssize_t written =
          ::write(to.get(), input.data(), std::min<std::size_t>(input.size(), PIPE_BUF));
      if (written > 0) {
        input.remove_prefix(static_cast<std::size_t>(written));
      }
      if (input.empty() || (written < 0 && errno != EINTR && errno != EAGAIN)) {
        to.reset(); // end of input, or the child closed its end
      }
    }
    if (fds[0].revents != 0) {
      ssize_t read = ::read(from.get(), buffer, sizeof buffer);
      if (read > 0) {
        output.append(buffer, static_cast<std::size_t>(read));
      } else if (read == 0 || errno != EINTR) {
        from.reset();
      }
    }
  }
  to.reset();
  return output;
}

int wait_for(pid_t child) {
  int status = 0;
  while (::waitpid(child, &status, 0) < 0) {
    if (errno != EINTR) {
      return -1;
    }
  }
  return status;
}

} // namespace

std::vector<std::string> split_command_line(std::string_view line) {
  std::vector<std::string> words;
  std::optional<std::string> word; // set once a word has started, even as ''
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (c == ' ' || c == '\t' || c == '\n') {
      if (word) {
        words.push_back(std::move(*word));
        word.reset();
      }
      continue;
    }
    if (!word) {
      word.emplace();
    }
    if (c == '\\') {
      if (++i == line.size()) {
        fail_input("a backslash ends the command line");
      }
      *word += line[i];
    } else if (c == '\'') {
      std::size_t end = line.find('\'', i + 1);
      if (end == std::string_view::npos) {
        fail_input("a single quote is not closed");
      }
      *word += line.substr(i + 1, end - i - 1);
      i = end;
    } else if (c == '"') {
      for (++i;; ++i) {
        if (i == line.size()) {
          fail_input("a double quote is not closed");
        }
        if (line[i] == '"') {
          break;
        }
        if (line[i] == '\\' && i + 1 < line.size() &&
            std::string_view("\"\\$`").find(line[i + 1]) != std::string_view::npos) {
          ++i;
        }
        *word += line[i];
      }
    } else {
      *word += c;
    }
  }
  if (word) {
    words.push_back(std::move(*word));
  }
  if (words.empty()) {
    fail_input("it is empty");
  }
  return words;
}

std::string run_filter_command(const std::vector<std::string>& command, std::string_view input) {
  if (command.empty()) {
    fail_input("it is empty");
  }
  const std::string& program = command[0];
  Pipe to_child = make_pipe(program);
  Pipe from_child = make_pipe(program);
  IgnoredSigpipe ignored_sigpipe;
  pid_t child = spawn(command, to_child, from_child);
  // Our copies of the child's ends: without closing them, no end of file.
  to_child.read.reset();
  from_child.write.reset();
  std::string output;
  try {
    output = exchange(input, to_child.write, from_child.read);
  } catch (...) {
    to_child.write.reset();
    from_child.read.reset();
    wait_for(child);
    throw;
  }
  int status = wait_for(child);
  if (status < 0) {
    throw Error(ErrorKind::command, "lost the encrypt command " + program);
  }
  if (WIFSIGNALED(status)) {
    throw Error(ErrorKind::command, "the encrypt command " + program + " was killed by signal " +
                                        std::to_string(WTERMSIG(status)));
  }
  if (int code = WEXITSTATUS(status); code != 0) {
    throw Error(ErrorKind::command, "the encrypt command " + program + " failed (exit status " +
                                        std::to_string(code) + (code == 127 ? ": not found?" : "") +
                                        ")");
  }
  return output;
}

} // namespace polar::secrets
