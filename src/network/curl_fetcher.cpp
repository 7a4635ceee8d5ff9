#include "network/curl_fetcher.h"

#include <fmt/core.h>

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <string_view>

#include "network/detail/http_status.h"
#include "support/trim.h"

namespace polar::network {
namespace {

using dhall::FetchResult;
using dhall::HttpHeader;

// curl_global_init is not thread-safe: run it once (a function-local static
// is initialized exactly once), before the first handle.
CURLcode initialize_curl_once() {
  static const CURLcode initialized = curl_global_init(CURL_GLOBAL_DEFAULT);
  return initialized;
}

// What one transfer collects through libcurl's callbacks.
struct Transfer {
  std::size_t max_body_bytes = 0;
  bool body_too_large = false;
  std::string body;
  std::vector<HttpHeader> headers;
  std::string reason; // of the last status line
};

size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto& transfer = *static_cast<Transfer*>(user);
  if (size * count > transfer.max_body_bytes - transfer.body.size()) {
    transfer.body_too_large = true;
    return 0; // aborts the transfer (CURLE_WRITE_ERROR)
  }
  transfer.body.append(data, size * count);
  return size * count;
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto& transfer = *static_cast<Transfer*>(user);
  std::string_view line(data, size * count);
  if (line.starts_with("HTTP/")) {
    // A new response begins (after a 1xx): only the final one's headers count.
    transfer.headers.clear();
    auto code_start = line.find(' ');
    auto reason_start = code_start == line.npos ? line.npos : line.find(' ', code_start + 1);
    transfer.reason = reason_start == line.npos ? "" : trim(line.substr(reason_start + 1));
    return line.size();
  }
  auto colon = line.find(':');
  if (colon != line.npos) {
    transfer.headers.emplace_back(trim(line.substr(0, colon)), trim(line.substr(colon + 1)));
  }
  return line.size();
}

bool is_token(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return c > ' ' && c < 127 && c != ':' && c != '(' && c != ')' && c != ',' && c != ';';
  });
}

// The header lines to send, or why they cannot be sent (without the value).
std::optional<std::string> header_list(const std::vector<HttpHeader>& headers, CurlList& list) {
  for (const auto& [name, value] : headers) {
    if (!is_token(name)) {
      return "the header name \"" + name + "\" is not a valid HTTP header name";
    }
    if (value.find_first_of(std::string_view("\r\n\0", 3)) != std::string::npos) {
      return "the value of the header " + name + " contains a line break or NUL (not shown)";
    }
    // "Name;" is how libcurl sends a header with an empty value.
    std::string line = value.empty() ? name + ";" : name + ": " + value;
    curl_slist* extended = curl_slist_append(list.get(), line.c_str());
    if (extended == nullptr) {
      throw std::bad_alloc();
    }
    (void)list.release();
    list.reset(extended);
  }
  return std::nullopt;
}

std::string seconds(std::chrono::milliseconds duration) {
  return fmt::format("{:g} s", static_cast<double>(duration.count()) / 1000.0);
}

std::string describe_transfer_error(CURL* curl, CURLcode code, const char* detail,
                                    const HttpTimeouts& timeouts) {
  if (code == CURLE_OPERATION_TIMEDOUT) {
    curl_off_t connected = 0;
    curl_easy_getinfo(curl, CURLINFO_CONNECT_TIME_T, &connected);
    return connected == 0 ? "no connection within " + seconds(timeouts.connect)
                          : "timed out after " + seconds(timeouts.total);
  }
  std::string text = curl_easy_strerror(code);
  if (detail[0] != '\0') {
    text += std::string(" (") + detail + ")";
  }
  return text;
}

FetchResult failure(std::string reason) {
  return FetchResult{std::nullopt, std::move(reason)};
}

template <typename Value>
void set(CURL* curl, CURLoption option, Value value) {
  if (CURLcode code = curl_easy_setopt(curl, option, value); code != CURLE_OK) {
    throw std::runtime_error(std::string("libcurl rejected an option: ") +
                             curl_easy_strerror(code));
  }
}

} // namespace

CurlFetcher::CurlFetcher(HttpTimeouts timeouts, std::size_t max_body_bytes)
    : timeouts_(timeouts), max_body_bytes_(max_body_bytes) {
}

FetchResult CurlFetcher::fetch(const dhall::FetchRequest& request) {
  std::lock_guard lock(mutex_);
  if (!handle_) {
    // Created on first use: most loads fetch nothing, and initializing
    // libcurl (and its TLS library) costs time on every process start.
    if (CURLcode code = initialize_curl_once(); code != CURLE_OK) {
      return failure("GET " + request.url +
                     " failed: cannot initialize libcurl: " + curl_easy_strerror(code));
    }
    handle_.reset(curl_easy_init());
    if (!handle_) {
      return failure("GET " + request.url + " failed: cannot create a libcurl handle");
    }
  }
  CURL* curl = handle_.get();
  // Reset options but keep the connection cache: the next import from the
  // same host reuses the connection.
  curl_easy_reset(curl);

  CurlList headers;
  if (auto problem = header_list(request.headers, headers)) {
    return failure("GET " + request.url + " not sent: " + *problem);
  }
  Transfer transfer;
  transfer.max_body_bytes = max_body_bytes_;
  char error_detail[CURL_ERROR_SIZE] = "";
  try {
    set(curl, CURLOPT_URL, request.url.c_str());
    set(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    set(curl, CURLOPT_FOLLOWLOCATION, 0L);
    set(curl, CURLOPT_NOSIGNAL, 1L);
    set(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(timeouts_.connect.count()));
    set(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(timeouts_.total.count()));
    set(curl, CURLOPT_ACCEPT_ENCODING, ""); // every encoding libcurl can decode
    set(curl, CURLOPT_HTTPHEADER, headers.get());
    set(curl, CURLOPT_WRITEFUNCTION, on_body);
    set(curl, CURLOPT_WRITEDATA, &transfer);
    set(curl, CURLOPT_HEADERFUNCTION, on_header);
    set(curl, CURLOPT_HEADERDATA, &transfer);
    set(curl, CURLOPT_ERRORBUFFER, error_detail);
  } catch (const std::runtime_error& error) {
    return failure("GET " + request.url + " not sent: " + error.what());
  }

  CURLcode code = curl_easy_perform(curl);
  if (transfer.body_too_large) {
    constexpr std::size_t mebibyte = std::size_t{1} << 20;
    std::string limit = max_body_bytes_ % mebibyte == 0
                            ? fmt::format("{} MiB", max_body_bytes_ / mebibyte)
                            : fmt::format("{} bytes", max_body_bytes_);
    return failure(fmt::format("GET {} failed: the response is larger than {}, the limit for an "
                               "import",
                               request.url, limit));
  }
  if (code != CURLE_OK) {
    return failure("GET " + request.url +
                   " failed: " + describe_transfer_error(curl, code, error_detail, timeouts_));
  }
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  if (status < 200 || status >= 300) {
    std::string text =
        "GET " + request.url + " answered " + describe_status(status, transfer.reason);
    if (status >= 300 && status < 400) {
      char* location = nullptr;
      curl_easy_getinfo(curl, CURLINFO_REDIRECT_URL, &location);
      text += location ? std::string(", a redirect to ") + location + " (not followed)"
                       : std::string(", a redirect (not followed)");
    }
    return failure(std::move(text));
  }
  return FetchResult{dhall::FetchResponse{std::move(transfer.body), std::move(transfer.headers)},
                     ""};
}

} // namespace polar::network
