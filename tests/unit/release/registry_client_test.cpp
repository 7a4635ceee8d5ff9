// The bearer-token challenge of registries that delegate authentication to a
// token service (Docker Hub, GHCR, Harbor), against the loopback server.
#include "release/detail/registry_client.h"

#include <gtest/gtest.h>

#include "loopback_server.h"
#include "release/registry_error.h"

namespace polar::release {
namespace {

using testing::HttpRequest;
using testing::HttpResponse;

constexpr const char* digest = "sha256:0123";

class BearerRegistry : public ::testing::Test {
protected:
  BearerRegistry() {
    server.route("/token", [](const HttpRequest& request) {
      // "Basic " + base64("pusher:pa55")
      if (request.header("Authorization") != "Basic cHVzaGVyOnBhNTU=") {
        return HttpResponse::status_only(401, "Unauthorized");
      }
      if (request.target.find("scope=repository%3Acharts%2Fdemo%3Apull%2Cpush") ==
              std::string::npos ||
          request.target.find("service=loopback") == std::string::npos) {
        return HttpResponse::status_only(400, "Bad Request");
      }
      return HttpResponse::text(R"({"token":"t0ken"})");
    });
    std::string challenge = "Bearer realm=\"" + server.url("/token") +
                            "\",service=\"loopback\",scope=\"repository:charts/demo:pull\"";
    server.route("/v2/charts/demo/blobs", [challenge](const HttpRequest& request) {
      if (request.header("Authorization") != "Bearer t0ken") {
        HttpResponse response = HttpResponse::status_only(401, "Unauthorized");
        response.headers.emplace_back("WWW-Authenticate", challenge);
        return response;
      }
      return HttpResponse::status_only(200, "OK");
    });
  }

  RegistryClient client(std::optional<BasicCredentials> credentials) {
    return RegistryClient("127.0.0.1:" + std::to_string(server.port()), "charts/demo",
                          std::move(credentials), RegistryOptions{true, ""});
  }

  testing::LoopbackServer server;
};

TEST_F(BearerRegistry, GetsATokenWithTheCredentialsAndRetries) {
  RegistryClient registry = client(BasicCredentials{"pusher", "pa55"});
  EXPECT_TRUE(registry.has_blob(digest));
  EXPECT_EQ(server.requests().size(), 3U); // 401, token, retry
}

TEST_F(BearerRegistry, ARejectedPasswordIsNamedButNotShown) {
  RegistryClient registry = client(BasicCredentials{"pusher", "wrong-pa55"});
  try {
    (void)registry.has_blob(digest);
    FAIL() << "expected an error";
  } catch (const RegistryError& error) {
    std::string text = error.what();
    EXPECT_NE(text.find("rejected the credentials"), std::string::npos) << text;
    EXPECT_EQ(text.find("wrong-pa55"), std::string::npos) << text;
  }
}

} // namespace
} // namespace polar::release
