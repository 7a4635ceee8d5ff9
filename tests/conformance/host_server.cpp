#include "host_server.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <stdexcept>

#include "leak_check.h"
#include "loopback_server.h"
#include "test_hosts.h"

namespace polar::conformance {
namespace {

[[noreturn]] void run_server(const std::filesystem::path& shared_dir, int ready_fd, int stop_fd) {
  int status = 0;
  try {
    testing::LoopbackServer server;
    emulate_test_hosts(server, shared_dir);
    std::uint16_t port = server.port();
    if (::write(ready_fd, &port, sizeof port) != static_cast<ssize_t>(sizeof port)) {
      ::_exit(1);
    }
    ::close(ready_fd);
    char ignored;
    ssize_t got = 0;
    do {
      got = ::read(stop_fd, &ignored, 1); // returns 0 once every writer has closed
    } while (got < 0 && errno == EINTR);
  } catch (...) {
    status = 1;
  }
  if (leaks_found()) {
    status = 1;
  }
  ::_exit(status); // never the runner's atexit handlers or stdio buffers
}

} // namespace

HostServer::HostServer(const std::filesystem::path& shared_dir) {
  int ready[2];
  int stop[2];
  if (::pipe(ready) != 0) {
    throw std::runtime_error("pipe failed");
  }
  if (::pipe(stop) != 0) {
    ::close(ready[0]);
    ::close(ready[1]);
    throw std::runtime_error("pipe failed");
  }
  pid_ = ::fork();
  if (pid_ == 0) {
    ::close(ready[0]);
    ::close(stop[1]);
    run_server(shared_dir, ready[1], stop[0]);
  }
  ::close(ready[1]);
  ::close(stop[0]);
  stop_fd_ = stop[1];
  std::uint16_t port = 0;
  bool started = pid_ > 0 && ::read(ready[0], &port, sizeof port) == sizeof port;
  ::close(ready[0]);
  if (!started) {
    ::close(stop_fd_);
    if (pid_ > 0) {
      ::waitpid(pid_, nullptr, 0);
    }
    throw std::runtime_error("the loopback HTTP server for the remote tests did not start");
  }
  url_ = "http://127.0.0.1:" + std::to_string(port);
}

HostServer::~HostServer() {
  ::close(stop_fd_);
  ::waitpid(pid_, nullptr, 0);
}

} // namespace polar::conformance
