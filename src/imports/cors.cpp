#include "imports/detail/cors.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace polar::dhall {
namespace {

std::string origin(const RemoteImport& remote) {
  return (remote.scheme == Scheme::https ? "https://" : "http://") + remote.authority;
}

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) ==
           std::tolower(static_cast<unsigned char>(y));
  });
}

} // namespace

bool cors_compliant(const ImportTarget& parent, const RemoteImport& child,
                    const std::vector<HttpHeader>& response_headers) {
  const auto* remote_parent = std::get_if<RemoteImport>(&parent);
  if (remote_parent == nullptr || origin(*remote_parent) == origin(child)) {
    return true;
  }
  std::vector<std::string> allowed;
  for (const auto& [name, value] : response_headers) {
    if (equal_ignoring_case(name, "Access-Control-Allow-Origin")) {
      allowed.push_back(value);
    }
  }
  return allowed.size() == 1 && (allowed[0] == "*" || allowed[0] == origin(*remote_parent));
}

} // namespace polar::dhall
