#include "loopback_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <iterator>
#include <system_error>

namespace polar::testing {
namespace fs = std::filesystem;

namespace {

[[noreturn]] void throw_errno(const char* what) {
  throw std::system_error(errno, std::generic_category(), what);
}

void send_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t sent = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (sent <= 0) {
      return; // the client went away
    }
    bytes.remove_prefix(static_cast<std::size_t>(sent));
  }
}

// The request head, up to the blank line; empty when the client closed or
// sent more than a head may hold.
std::string read_head(int fd) {
  std::string data;
  char buffer[4096];
  while (data.find("\r\n\r\n") == std::string::npos && data.size() < 65536) {
    ssize_t got = ::recv(fd, buffer, sizeof buffer, 0);
    if (got <= 0) {
      return {};
    }
    data.append(buffer, static_cast<std::size_t>(got));
  }
  auto end = data.find("\r\n\r\n");
  return end == std::string::npos ? std::string() : data.substr(0, end);
}

bool covers(std::string_view path, std::string_view prefix) {
  return path.starts_with(prefix) &&
         (path.size() == prefix.size() || prefix.ends_with('/') || path[prefix.size()] == '/');
}

} // namespace

HttpResponse serve_file(const fs::path& root, std::string_view relative,
                        const HeaderList& headers) {
  auto decoded = percent_decode(relative);
  if (!decoded) {
    return HttpResponse::status_only(400, "Bad Request");
  }
  fs::path file = root;
  for (const auto& part : fs::path(*decoded).relative_path()) {
    if (part == "..") {
      return HttpResponse::status_only(400, "Bad Request");
    }
    file /= part;
  }
  std::ifstream in(file, std::ios::binary);
  if (!fs::is_regular_file(file) || !in) {
    return HttpResponse::status_only(404, "Not Found");
  }
  return HttpResponse::text(
      std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()), headers);
}

LoopbackServer::LoopbackServer() {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (listen_fd_ < 0) {
    throw_errno("socket");
  }
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof address;
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::listen(listen_fd_, 64) != 0 ||
      ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    int error = errno;
    ::close(listen_fd_);
    throw std::system_error(error, std::generic_category(), "bind/listen on 127.0.0.1");
  }
  port_ = ntohs(address.sin_port);
  acceptor_ = std::thread([this] { accept_loop(); });
}

LoopbackServer::~LoopbackServer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    for (int fd : open_connections_) {
      ::shutdown(fd, SHUT_RDWR); // wakes a thread blocked reading a silent client
    }
  }
  stopped_.notify_all();
  ::shutdown(listen_fd_, SHUT_RDWR); // wakes accept()
  acceptor_.join();
  ::close(listen_fd_);
  for (std::thread& thread : connection_threads_) {
    thread.join();
  }
}

std::string LoopbackServer::url(std::string_view path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + std::string(path);
}

void LoopbackServer::route(std::string prefix, Handler handler) {
  std::lock_guard lock(mutex_);
  routes_[std::move(prefix)] = std::move(handler);
}

void LoopbackServer::serve_directory(std::string prefix, fs::path directory, HeaderList headers) {
  std::string mount = prefix;
  route(std::move(prefix), [mount, directory, headers](const HttpRequest& request) {
    return serve_file(directory, request.path().substr(mount.size()), headers);
  });
}

std::vector<HttpRequest> LoopbackServer::requests() const {
  std::lock_guard lock(mutex_);
  return requests_;
}

void LoopbackServer::accept_loop() {
  while (true) {
    int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    std::lock_guard lock(mutex_);
    if (stopping_) {
      if (fd >= 0) {
        ::close(fd);
      }
      return;
    }
    if (fd < 0) {
      continue; // ECONNABORTED and the like: keep serving
    }
    open_connections_.insert(fd);
    connection_threads_.emplace_back([this, fd] { serve_connection(fd); });
  }
}

void LoopbackServer::serve_connection(int fd) {
  std::string head = read_head(fd);
  if (auto request = head.empty() ? std::nullopt : parse_request_head(head)) {
    {
      std::lock_guard lock(mutex_);
      requests_.push_back(*request);
    }
    HttpResponse response = answer(*request);
    if (response.never_answer) {
      std::unique_lock lock(mutex_);
      stopped_.wait(lock, [this] { return stopping_; });
    } else {
      send_all(fd, serialize(response));
    }
  }
  std::lock_guard lock(mutex_);
  open_connections_.erase(fd);
  ::close(fd);
}

HttpResponse LoopbackServer::answer(const HttpRequest& request) {
  Handler handler;
  {
    std::lock_guard lock(mutex_);
    std::string_view path = request.path();
    std::size_t best = 0;
    for (const auto& [prefix, candidate] : routes_) {
      if (covers(path, prefix) && (!handler || prefix.size() > best)) {
        handler = candidate;
        best = prefix.size();
      }
    }
  }
  if (!handler || (request.method != "GET" && request.method != "HEAD")) {
    return handler ? HttpResponse::status_only(405, "Method Not Allowed")
                   : HttpResponse::status_only(404, "Not Found");
  }
  return handler(request);
}

} // namespace polar::testing
