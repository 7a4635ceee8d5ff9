#include "network/detail/http_status.h"

#include <fmt/core.h>

#include <utility>

namespace polar::network {
namespace {

std::string_view standard_reason(long status) {
  static constexpr std::pair<long, std::string_view> reasons[] = {
      {200, "OK"},
      {204, "No Content"},
      {301, "Moved Permanently"},
      {302, "Found"},
      {303, "See Other"},
      {304, "Not Modified"},
      {307, "Temporary Redirect"},
      {308, "Permanent Redirect"},
      {400, "Bad Request"},
      {401, "Unauthorized"},
      {403, "Forbidden"},
      {404, "Not Found"},
      {405, "Method Not Allowed"},
      {408, "Request Timeout"},
      {410, "Gone"},
      {429, "Too Many Requests"},
      {500, "Internal Server Error"},
      {502, "Bad Gateway"},
      {503, "Service Unavailable"},
      {504, "Gateway Timeout"},
  };
  for (const auto& [code, reason] : reasons) {
    if (code == status) {
      return reason;
    }
  }
  return {};
}

} // namespace

std::string describe_status(long status, std::string_view reason) {
  if (reason.empty()) {
    reason = standard_reason(status);
  }
  return reason.empty() ? fmt::format("HTTP {}", status)
                        : fmt::format("HTTP {} {}", status, reason);
}

} // namespace polar::network
