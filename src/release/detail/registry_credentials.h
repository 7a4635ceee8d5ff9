#pragma once
// Registry credentials as Docker keeps them: the `auths` of a config.json,
// from DOCKER_AUTH_JSON (the file's text in base64, as CI pipelines pass it)
// or $DOCKER_CONFIG/config.json (default ~/.docker/config.json). Only
// `auth` (base64 of user:password) and `username`/`password` entries are
// read; credential helpers are not run.
#include <optional>
#include <string>

namespace polar::release {

struct BasicCredentials {
  std::string username;
  std::string password;
};

// The credentials for `host` (HOST[:PORT]), or nullopt. Throws RegistryError
// (naming the source, never its contents) when the config cannot be read.
std::optional<BasicCredentials> find_credentials(const std::string& host);

// The same from the text of a config.json; `source` names it in errors.
std::optional<BasicCredentials> credentials_from_config(const std::string& config_json,
                                                        const std::string& host,
                                                        const std::string& source);

} // namespace polar::release
