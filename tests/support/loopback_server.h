#pragma once
// A small HTTP/1.1 server on 127.0.0.1 for tests: serves directories and
// programmable routes, records every request, and can hold a connection
// without answering. One thread accepts, one thread serves each connection;
// every response closes its connection.
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "http_message.h"

namespace polar::testing {

using Handler = std::function<HttpResponse(const HttpRequest&)>;

// The file below `root` that the URL path `relative` ("a/b%20c.dhall")
// names, with `headers`; 404 when there is none, 400 for ".." or a bad
// escape.
HttpResponse serve_file(const std::filesystem::path& root, std::string_view relative,
                        const HeaderList& headers);

class LoopbackServer {
public:
  // Binds 127.0.0.1 on a free port and starts serving. Throws
  // std::system_error when the socket cannot be set up.
  LoopbackServer();
  // Stops accepting, wakes held connections and joins every thread.
  ~LoopbackServer();
  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;

  std::uint16_t port() const { return port_; }
  // "http://127.0.0.1:<port>" followed by `path`.
  std::string url(std::string_view path = "") const;

  // Requests whose path is `prefix` or continues it after a '/' go to
  // `handler`; the longest prefix wins; others get 404. Safe while serving.
  void route(std::string prefix, Handler handler);
  // Serves the files below `directory` at `prefix` + "/relative/path"
  // (percent-decoded; ".." is refused), each response with `headers`.
  void serve_directory(std::string prefix, std::filesystem::path directory,
                       HeaderList headers = {});

  // Every request received so far, in order.
  std::vector<HttpRequest> requests() const;

private:
  void accept_loop();
  void serve_connection(int fd);
  HttpResponse answer(const HttpRequest& request);

  int listen_fd_ = -1;
  std::uint16_t port_ = 0;
  mutable std::mutex mutex_;
  std::condition_variable stopped_;
  bool stopping_ = false;
  std::map<std::string, Handler> routes_;
  std::vector<HttpRequest> requests_;
  std::set<int> open_connections_;
  std::vector<std::thread> connection_threads_;
  std::thread acceptor_;
};

} // namespace polar::testing
