#include "isolation.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <exception>
#include <string_view>

#include "leak_check.h"

namespace polar::conformance {
namespace {

void write_all(int fd, std::string_view text) {
  while (!text.empty()) {
    ssize_t written = ::write(fd, text.data(), text.size());
    if (written <= 0) {
      return;
    }
    text.remove_prefix(static_cast<std::size_t>(written));
  }
}

std::string read_all(int fd) {
  std::string text;
  char buffer[4096];
  for (ssize_t got; (got = ::read(fd, buffer, sizeof buffer)) > 0;) {
    text.append(buffer, static_cast<std::size_t>(got));
  }
  return text;
}

[[noreturn]] void run_child(const std::function<std::string()>& check, int fd,
                            std::chrono::seconds timeout) {
  ::alarm(static_cast<unsigned>(timeout.count()));
  int status = 0;
  try {
    write_all(fd, check());
  } catch (const std::exception& error) {
    write_all(fd, error.what());
    status = 1;
  } catch (...) {
    write_all(fd, "unknown exception");
    status = 1;
  }
  // Everything the check made and did not keep in a cache is released now.
  if (leaks_found()) {
    write_all(fd, "\nLeakSanitizer found leaks (on stderr)");
    status = 1;
  }
  ::close(fd);
  // _exit: the child must not run the parent's atexit handlers or flush its buffers.
  ::_exit(status);
}

} // namespace

Outcome run_isolated(const std::function<std::string()>& check, std::chrono::seconds timeout) {
  int fds[2];
  if (::pipe(fds) != 0) {
    return {false, std::string("pipe: ") + std::strerror(errno)};
  }
  pid_t child = ::fork();
  if (child < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    return {false, std::string("fork: ") + std::strerror(errno)};
  }
  if (child == 0) {
    ::close(fds[0]);
    run_child(check, fds[1], timeout);
  }
  ::close(fds[1]);
  std::string message = read_all(fds[0]);
  ::close(fds[0]);

  int status = 0;
  ::waitpid(child, &status, 0);
  if (WIFEXITED(status)) {
    return {WEXITSTATUS(status) == 0, message};
  }
  int signal = WTERMSIG(status);
  if (signal == SIGALRM) {
    return {false, "timed out after " + std::to_string(timeout.count()) + "s"};
  }
  return {false, std::string("crashed: ") + ::strsignal(signal)};
}

Outcome run_in_process(const std::function<std::string()>& check) {
  try {
    return {true, check()};
  } catch (const std::exception& error) {
    return {false, error.what()};
  }
}

} // namespace polar::conformance
