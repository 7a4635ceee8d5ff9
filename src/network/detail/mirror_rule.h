#pragma once
// One import mirror: remote imports under a URL prefix are read from a local
// directory or from another server.
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>

namespace polar::network {

struct DirectoryTarget {
  std::filesystem::path directory; // absolute
};

struct UrlTarget {
  std::string prefix; // http:// or https://, no trailing slash
};

struct MirrorRule {
  std::string prefix; // http:// or https://, no trailing slash
  std::variant<DirectoryTarget, UrlTarget> target;
};

// A mirror specification that cannot be used; the message says what was
// expected.
class MirrorError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

// Parses "PREFIX=TARGET" (split at the first '='; spaces around either side
// are ignored). PREFIX must be an http(s) URL with a host. TARGET is an
// http(s) URL prefix, or a directory, relative ones below `relative_to`; the
// directory must exist.
MirrorRule parse_mirror_rule(std::string_view spec, const std::filesystem::path& relative_to);

// The part of `url` after `prefix` ("/pkg/x.dhall", possibly empty), when
// `url` is `prefix` itself or continues it at a path or query boundary, so
// the prefix https://a.org/pkg covers https://a.org/pkg/x but neither
// https://a.org/pkgs nor https://a.org.evil.com.
std::optional<std::string_view> remainder_under(std::string_view url, std::string_view prefix);

} // namespace polar::network
