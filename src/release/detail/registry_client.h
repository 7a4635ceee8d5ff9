#pragma once
// The calls of the OCI distribution spec a push needs, over libcurl:
// HEAD a blob, upload one (POST, then PUT with the digest), PUT a manifest.
// Authentication as registries ask for it: a 401 with `Basic` gets the
// credentials, a 401 with `Bearer realm=...` gets a token from the realm
// (with the credentials when there are any) for pull and push on the
// repository. Credentials and tokens never appear in errors.
#include <optional>
#include <string>

#include "network/curl_handle.h"
#include "release/detail/registry_credentials.h"

namespace polar::release {

struct RegistryOptions {
  bool plain_http = false; // http:// instead of https:// (loopback registries)
  std::string ca_file;     // a CA bundle for TLS, instead of the system's
};

class RegistryClient {
public:
  RegistryClient(std::string host, std::string repository,
                 std::optional<BasicCredentials> credentials, RegistryOptions options);

  bool has_blob(const std::string& digest);
  void upload_blob(const std::string& digest, const std::string& bytes);
  // The digest the registry reports for the manifest (Docker-Content-Digest).
  std::string put_manifest(const std::string& tag, const std::string& manifest,
                           const std::string& media_type);

  struct Response {
    long status = 0;
    std::string body;
    std::string location;
    std::string authenticate; // WWW-Authenticate
    std::string content_digest;
  };

private:
  Response send(const std::string& method, const std::string& url, const std::string* body,
                const std::string& content_type);
  Response transfer(const std::string& method, const std::string& url, const std::string* body,
                    const std::string& content_type, const std::string& authorization);
  // Sets authorization_ from a 401's challenge; false when there is nothing to try.
  bool authenticate(const std::string& challenge);
  [[noreturn]] void fail(const std::string& what, const Response& response) const;

  std::string host_;
  std::string repository_;
  std::optional<BasicCredentials> credentials_;
  RegistryOptions options_;
  std::string base_; // scheme://host
  std::string authorization_;
  bool credentials_rejected_ = false;
  network::CurlEasy handle_;
};

} // namespace polar::release
