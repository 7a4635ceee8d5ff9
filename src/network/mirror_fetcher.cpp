#include "network/mirror_fetcher.h"

#include <optional>
#include <stdexcept>
#include <variant>

#include "support/file_io.h"
#include "syntax/source.h"

namespace polar::network {
namespace fs = std::filesystem;
using dhall::FetchResult;

namespace {

FetchResult failure(std::string reason) {
  return FetchResult{std::nullopt, std::move(reason)};
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

// One percent-decoded path component, or nullopt when it is malformed.
std::optional<std::string> decode_component(std::string_view component) {
  std::string decoded;
  for (std::size_t i = 0; i < component.size(); ++i) {
    if (component[i] != '%') {
      decoded += component[i];
      continue;
    }
    if (i + 2 >= component.size()) {
      return std::nullopt;
    }
    int high = hex_value(component[i + 1]);
    int low = hex_value(component[i + 2]);
    if (high < 0 || low < 0) {
      return std::nullopt;
    }
    decoded += static_cast<char>(high * 16 + low);
    i += 2;
  }
  return decoded;
}

// The file below `directory` that `rest` ("/a/b.dhall") names, or why it
// names none.
std::variant<fs::path, std::string> file_below(const fs::path& directory, std::string_view rest) {
  if (rest.find('?') != rest.npos) {
    return std::string("a directory mirror cannot answer a URL with a query");
  }
  if (rest.empty() || rest.ends_with('/')) {
    return std::string("the URL names a directory, not a file");
  }
  fs::path file = directory;
  rest.remove_prefix(1); // the '/' remainder_under guarantees
  while (true) {
    auto slash = rest.find('/');
    auto decoded = decode_component(rest.substr(0, slash));
    if (!decoded || decoded->empty() || *decoded == "." || *decoded == ".." ||
        decoded->find_first_of(std::string_view("/\0", 2)) != std::string::npos) {
      return std::string("the URL path has a component that cannot name a file below the mirror "
                         "(empty, '.', '..', an encoded '/' or a bad %-escape)");
    }
    file /= *decoded;
    if (slash == rest.npos) {
      return file;
    }
    rest.remove_prefix(slash + 1);
  }
}

FetchResult from_directory(const DirectoryTarget& target, const MirrorRule& rule,
                           std::string_view rest) {
  std::string mirror = "mirror " + target.directory.string() + " of " + rule.prefix;
  auto located = file_below(target.directory, rest);
  if (const auto* reason = std::get_if<std::string>(&located)) {
    return failure(*reason + " (" + mirror + ")");
  }
  const fs::path& file = std::get<fs::path>(located);
  std::optional<std::string> body;
  try {
    body = dhall::read_regular_file(file);
  } catch (const dhall::Error& error) {
    return failure(error.message() + " (" + mirror + ")");
  }
  if (!body) {
    return failure(file.string() + " is not in the " + mirror);
  }
  return FetchResult{dhall::FetchResponse{std::move(*body), {{"Access-Control-Allow-Origin", "*"}}},
                     ""};
}

} // namespace

MirrorFetcher::MirrorFetcher(std::vector<MirrorRule> rules, std::shared_ptr<dhall::Fetcher> inner)
    : rules_(std::move(rules)), inner_(std::move(inner)) {
  if (!inner_) {
    throw std::invalid_argument("MirrorFetcher needs an inner fetcher");
  }
}

FetchResult MirrorFetcher::fetch(const dhall::FetchRequest& request) {
  const MirrorRule* best = nullptr;
  std::string_view rest;
  for (const MirrorRule& rule : rules_) {
    auto remainder = remainder_under(request.url, rule.prefix);
    if (remainder && (best == nullptr || rule.prefix.size() >= best->prefix.size())) {
      best = &rule;
      rest = *remainder;
    }
  }
  if (best == nullptr) {
    return inner_->fetch(request);
  }
  if (const auto* directory = std::get_if<DirectoryTarget>(&best->target)) {
    return from_directory(*directory, *best, rest);
  }
  const auto& url = std::get<UrlTarget>(best->target);
  dhall::FetchRequest rewritten{url.prefix + std::string(rest), request.headers};
  FetchResult result = inner_->fetch(rewritten);
  if (!result.response) {
    result.failure += " (mirror " + url.prefix + " of " + best->prefix + ")";
  }
  return result;
}

} // namespace polar::network
