#include "network/detail/mirror_rule.h"

#include <system_error>

#include "support/trim.h"

namespace polar::network {
namespace fs = std::filesystem;

namespace {

bool is_http_url(std::string_view text) {
  return text.starts_with("http://") || text.starts_with("https://");
}

// An http(s) URL with a host, without a trailing slash (remainder_under
// supplies the boundary).
std::string url_prefix(std::string_view text, std::string_view role) {
  auto host_start = text.find("://") + 3;
  auto host_end = text.find_first_of("/?#", host_start);
  if (host_end == host_start || host_start == text.size()) {
    throw MirrorError(std::string(role) + " \"" + std::string(text) + "\" has no host");
  }
  if (text.find_first_of(" \t#") != text.npos) {
    throw MirrorError(std::string(role) + " \"" + std::string(text) + "\" contains a space or '#'");
  }
  while (text.ends_with('/') && text.size() > host_start) {
    text.remove_suffix(1);
  }
  return std::string(text);
}

} // namespace

MirrorRule parse_mirror_rule(std::string_view spec, const fs::path& relative_to) {
  auto equals = spec.find('=');
  if (equals == spec.npos) {
    throw MirrorError(
        "expected PREFIX=TARGET (a URL prefix, '=', then a directory or URL), got \"" +
        std::string(spec) + "\"");
  }
  std::string_view prefix = trim(spec.substr(0, equals));
  std::string_view target = trim(spec.substr(equals + 1));
  if (!is_http_url(prefix)) {
    throw MirrorError("the mirrored prefix \"" + std::string(prefix) +
                      "\" is not an http:// or https:// URL");
  }
  if (target.empty()) {
    throw MirrorError("the mirror of " + std::string(prefix) + " has no target after '='");
  }
  MirrorRule rule{url_prefix(prefix, "the mirrored prefix"), DirectoryTarget{}};
  if (is_http_url(target)) {
    rule.target = UrlTarget{url_prefix(target, "the mirror URL")};
    return rule;
  }
  fs::path directory = fs::path(target).is_absolute() ? fs::path(target) : relative_to / target;
  std::error_code error;
  if (!fs::is_directory(directory, error)) {
    throw MirrorError("the mirror directory " + directory.string() + " (for " +
                      std::string(prefix) + ") does not exist or is not a directory");
  }
  rule.target = DirectoryTarget{fs::absolute(directory).lexically_normal()};
  return rule;
}

std::optional<std::string_view> remainder_under(std::string_view url, std::string_view prefix) {
  if (!url.starts_with(prefix)) {
    return std::nullopt;
  }
  std::string_view rest = url.substr(prefix.size());
  if (!rest.empty() && rest.front() != '/' && rest.front() != '?') {
    return std::nullopt;
  }
  return rest;
}

} // namespace polar::network
