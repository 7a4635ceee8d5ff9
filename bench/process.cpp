#include "process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <stdexcept>

extern char** environ;

namespace polar::bench {
namespace {

std::vector<std::string> merged_environment(const std::map<std::string, std::string>& extra) {
  std::vector<std::string> entries;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    std::string text(*entry);
    if (!extra.contains(text.substr(0, text.find('=')))) {
      entries.push_back(std::move(text));
    }
  }
  for (const auto& [name, value] : extra) {
    entries.push_back(name + "=" + value);
  }
  return entries;
}

std::vector<char*> c_strings(std::vector<std::string>& strings) {
  std::vector<char*> pointers;
  for (auto& text : strings) {
    pointers.push_back(text.data());
  }
  pointers.push_back(nullptr);
  return pointers;
}

// Owns a posix_spawn_file_actions_t for the duration of one spawn.
class FileActions {
public:
  FileActions() {
    posix_spawn_file_actions_init(&actions_);
    posix_spawn_file_actions_addopen(&actions_, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions_, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  }
  ~FileActions() { posix_spawn_file_actions_destroy(&actions_); }
  FileActions(const FileActions&) = delete;
  FileActions& operator=(const FileActions&) = delete;
  const posix_spawn_file_actions_t* get() const { return &actions_; }

private:
  posix_spawn_file_actions_t actions_;
};

// Whether `child` exits within `seconds`, waiting on a pidfd (which becomes
// readable when it exits) so that a run's time is not rounded to a poll.
bool exits_within(pid_t child, double seconds) {
  int pidfd = static_cast<int>(::syscall(SYS_pidfd_open, child, 0));
  if (pidfd < 0) {
    throw std::runtime_error(std::string("pidfd_open: ") + std::strerror(errno));
  }
  pollfd watched{pidfd, POLLIN, 0};
  int ready = 0;
  do {
    ready = ::poll(&watched, 1, static_cast<int>(seconds * 1000));
  } while (ready < 0 && errno == EINTR);
  ::close(pidfd);
  return ready > 0;
}

} // namespace

ProcessCost run_process(const std::vector<std::string>& argv,
                        const std::map<std::string, std::string>& environment,
                        std::optional<double> time_limit) {
  std::vector<std::string> arguments = argv;
  std::vector<std::string> variables = merged_environment(environment);
  auto argument_pointers = c_strings(arguments);
  auto variable_pointers = c_strings(variables);
  FileActions actions;

  auto start = std::chrono::steady_clock::now();
  pid_t child = 0;
  int error = posix_spawnp(&child, argument_pointers[0], actions.get(), nullptr,
                           argument_pointers.data(), variable_pointers.data());
  if (error != 0) {
    throw std::runtime_error("cannot start " + argv[0] + ": " + std::strerror(error));
  }
  bool killed = time_limit && !exits_within(child, *time_limit);
  if (killed) {
    ::kill(child, SIGKILL);
  }
  int status = 0;
  rusage usage{};
  if (wait4(child, &status, 0, &usage) != child) {
    throw std::runtime_error("lost track of " + argv[0]);
  }
  auto elapsed = std::chrono::steady_clock::now() - start;
  ProcessCost cost{std::chrono::duration<double>(elapsed).count(),
                   static_cast<double>(usage.ru_maxrss) / 1024.0};
  if (killed) {
    throw ProcessFailure("stopped at its time limit", cost);
  }
  if (WIFSIGNALED(status)) {
    throw ProcessFailure("killed by signal " + std::to_string(WTERMSIG(status)), cost);
  }
  if (WEXITSTATUS(status) != 0) {
    // 251 is how a GHC program says its heap is exhausted (under `ulimit -v`).
    throw ProcessFailure("exit status " + std::to_string(WEXITSTATUS(status)), cost);
  }
  return cost;
}

} // namespace polar::bench
