#include "release/detail/registry_credentials.h"

#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "release/registry_error.h"
#include "secrets/base64.h"

namespace polar::release {
namespace {

std::string decode_base64(const std::string& text, const std::string& what) {
  auto bytes = secrets::base64_decode(text, secrets::Padding::with);
  if (!bytes) {
    throw RegistryError(what + " is not valid base64");
  }
  return secrets::as_text(*bytes);
}

// The keys Docker may have written for `host`: bare, or as a URL.
bool same_host(const std::string& key, const std::string& host) {
  std::string bare = key;
  for (const char* scheme : {"https://", "http://"}) {
    if (bare.starts_with(scheme)) {
      bare.erase(0, std::string_view(scheme).size());
    }
  }
  bare = bare.substr(0, bare.find('/'));
  return bare == host;
}

} // namespace

std::optional<BasicCredentials> credentials_from_config(const std::string& config_json,
                                                        const std::string& host,
                                                        const std::string& source) {
  YAML::Node config;
  try {
    config = YAML::Load(config_json); // JSON is YAML
  } catch (const YAML::Exception&) {
    // The text may hold secrets: only its source is named.
    throw RegistryError(source + " is not valid JSON");
  }
  YAML::Node auths = config.IsMap() ? config["auths"] : YAML::Node();
  if (!auths || !auths.IsMap()) {
    return std::nullopt;
  }
  for (const auto& entry : auths) {
    if (!same_host(entry.first.as<std::string>(""), host) || !entry.second.IsMap()) {
      continue;
    }
    const YAML::Node& auth = entry.second;
    if (auth["auth"] && auth["auth"].IsScalar() && !auth["auth"].Scalar().empty()) {
      std::string pair = decode_base64(auth["auth"].Scalar(), source + ": the auth of " + host);
      std::size_t colon = pair.find(':');
      if (colon == std::string::npos) {
        throw RegistryError(source + ": the auth of " + host + " is not user:password");
      }
      return BasicCredentials{pair.substr(0, colon), pair.substr(colon + 1)};
    }
    if (auth["username"] && auth["password"]) {
      return BasicCredentials{auth["username"].as<std::string>(""),
                              auth["password"].as<std::string>("")};
    }
  }
  return std::nullopt;
}

std::optional<BasicCredentials> find_credentials(const std::string& host) {
  if (const char* encoded = std::getenv("DOCKER_AUTH_JSON"); encoded && *encoded) {
    std::string text(encoded);
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) {
      text.pop_back();
    }
    return credentials_from_config(decode_base64(text, "DOCKER_AUTH_JSON"), host,
                                   "DOCKER_AUTH_JSON");
  }
  std::filesystem::path folder;
  if (const char* config = std::getenv("DOCKER_CONFIG"); config && *config) {
    folder = config;
  } else if (const char* home = std::getenv("HOME"); home && *home) {
    folder = std::filesystem::path(home) / ".docker";
  } else {
    return std::nullopt;
  }
  std::filesystem::path file = folder / "config.json";
  std::ifstream stream(file, std::ios::binary);
  if (!stream) {
    return std::nullopt;
  }
  std::ostringstream text;
  text << stream.rdbuf();
  return credentials_from_config(text.str(), host, file.string());
}

} // namespace polar::release
