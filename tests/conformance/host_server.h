#pragma once
// The loopback server emulating the suite's hosts (test_hosts.h), run in a
// process of its own.
#include <sys/types.h>

#include <filesystem>
#include <string>

namespace polar::conformance {

// Forks the server process; construct it before the runner starts any
// thread or forks a test. The runner forks one child per test, and a fork
// of a process whose server thread holds a lock (the allocator's, the
// server's) could deadlock the child; a separate process has no such
// threads to copy. The server process ends when this object is destroyed
// or the runner dies (it waits for the end of a pipe only the runner and its
// test children hold).
class HostServer {
public:
  explicit HostServer(const std::filesystem::path& shared_dir);
  ~HostServer();
  HostServer(const HostServer&) = delete;
  HostServer& operator=(const HostServer&) = delete;

  // "http://127.0.0.1:<port>"
  const std::string& url() const { return url_; }

private:
  pid_t pid_ = -1;
  int stop_fd_ = -1; // closing it stops the server
  std::string url_;
};

} // namespace polar::conformance
