#include "test_hosts.h"

#include "network/curl_fetcher.h"
#include "network/mirror_fetcher.h"

#include <algorithm>
#include <atomic>
#include <map>
#include <memory>
#include <optional>

namespace polar::conformance {
namespace fs = std::filesystem;
using testing::HeaderList;
using testing::HttpRequest;
using testing::HttpResponse;

namespace {

const char* const emulated_origins[] = {
    "https://raw.githubusercontent.com", "https://test.dhall-lang.org", "https://httpbin.org",
    "https://prelude.dhall-lang.org",    "http://example.com",
};

const HeaderList allow_all{{"Access-Control-Allow-Origin", "*"}};

// The path below `prefix` with its first component (a git ref) removed:
// "/v1/tests/x" -> "tests/x".
std::string_view after_ref(std::string_view path, std::string_view prefix) {
  path.remove_prefix(std::min(path.size(), prefix.size() + 1));
  auto slash = path.find('/');
  return slash == path.npos ? std::string_view() : path.substr(slash + 1);
}

// raw.githubusercontent.com sends `Access-Control-Allow-Origin: *`. Files of
// dhall-lang at any ref come from the local checkout (the test data the
// remote tests read has not changed since the refs they pin). Four files of
// dhall-rust at the commit the asLocation tests pin are not in dhall-lang;
// their content is what the expected B files of those tests imply.
void emulate_github(testing::LoopbackServer& server, const fs::path& shared_dir) {
  std::string dhall_lang = "/raw.githubusercontent.com/dhall-lang/dhall-lang";
  fs::path checkout = shared_dir / "dhall-lang";
  server.route(dhall_lang, [dhall_lang, checkout](const HttpRequest& request) {
    return testing::serve_file(checkout, after_ref(request.path(), dhall_lang), allow_all);
  });
  std::string dhall_rust = "/raw.githubusercontent.com/Nadrieril/dhall-rust/"
                           "f7d8c64a9799f139ad65427c2518376adb9e2e2f/dhall/tests/import/"
                           "success/unit/asLocation";
  static const std::map<std::string, std::string, std::less<>> dhall_rust_files = {
      {"Canonicalize3A.dhall", "./../bar/import.dhall as Location\n"},
      {"Canonicalize5A.dhall", "./foo/../../bar/import.dhall as Location\n"},
      {"EnvA.dhall", "env:HOME as Location\n"},
      {"MissingA.dhall", "missing as Location\n"},
  };
  server.route(dhall_rust, [dhall_rust](const HttpRequest& request) {
    std::string_view name = request.path();
    name.remove_prefix(std::min(name.size(), dhall_rust.size() + 1));
    auto found = dhall_rust_files.find(name);
    return found == dhall_rust_files.end() ? HttpResponse::status_only(404, "Not Found")
                                           : HttpResponse::text(found->second, allow_all);
  });
}

// test.dhall-lang.org, as dhall-lang's server configuration defines it:
// /cors/* answer 42 (or an import) with a chosen Access-Control-Allow-Origin
// (or none); /foo and /bar need a `Test` header (header forwarding);
// /random-string differs on every request; everything else is 404.
void emulate_test_dhall_lang(testing::LoopbackServer& server) {
  const std::string host = "/test.dhall-lang.org";
  const std::string github_cors =
      "https://raw.githubusercontent.com/dhall-lang/dhall-lang/"
      "5ff7ecd2411894dd9ce307dc23020987361d2d43/tests/import/data/cors/";
  struct CorsFile {
    const char* name;
    std::optional<std::string> allow_origin;
    std::string body;
  };
  const CorsFile cors_files[] = {
      {"AllowedAll.dhall", "*", "42"},
      {"OnlyGithub.dhall", "https://raw.githubusercontent.com", "42"},
      {"OnlySelf.dhall", "https://test.dhall-lang.org", "42"},
      {"OnlyOther.dhall", "https://example.com", "42"},
      {"Empty.dhall", "", "42"},
      {"NoCORS.dhall", std::nullopt, "42"},
      {"Null.dhall", "null", "42"},
      {"SelfImportAbsolute.dhall", "*", "https://test.dhall-lang.org/cors/NoCORS.dhall"},
      {"SelfImportRelative.dhall", "*", "./NoCORS.dhall"},
      {"TwoHopsFail.dhall", "*", github_cors + "OnlySelf.dhall"},
      {"TwoHopsSuccess.dhall", "*", github_cors + "OnlyGithub.dhall"},
  };
  for (const CorsFile& file : cors_files) {
    HeaderList headers;
    if (file.allow_origin) {
      headers.emplace_back("Access-Control-Allow-Origin", *file.allow_origin);
    }
    HttpResponse response = HttpResponse::text(file.body + "\n", headers);
    server.route(host + "/cors/" + file.name, [response](const HttpRequest&) { return response; });
  }
  auto needs_test_header = [](std::string body) {
    return [body](const HttpRequest& request) {
      return request.header("Test") ? HttpResponse::text(body)
                                    : HttpResponse::status_only(403, "Forbidden");
    };
  };
  server.route(host + "/foo", needs_test_header("./bar\n"));
  server.route(host + "/bar", needs_test_header("True\n"));
  auto counter = std::make_shared<std::atomic<int>>(0);
  server.route(host + "/random-string", [counter](const HttpRequest&) {
    return HttpResponse::text("random-" + std::to_string(++*counter) + "\n");
  });
}

std::string json_string(std::string_view text) {
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      quoted += '\\';
    }
    quoted += c;
  }
  return quoted + "\"";
}

// httpbin.org/user-agent echoes the User-Agent header as httpbin formats it.
void emulate_httpbin(testing::LoopbackServer& server) {
  server.route("/httpbin.org/user-agent", [](const HttpRequest& request) {
    std::string agent = request.header("User-Agent").value_or("");
    return HttpResponse::text("{\n  \"user-agent\": " + json_string(agent) + "\n}\n", allow_all);
  });
}

// Passes on requests to the loopback server only.
class LoopbackOnly final : public dhall::Fetcher {
public:
  LoopbackOnly(std::string server_url, std::shared_ptr<dhall::Fetcher> inner)
      : server_url_(std::move(server_url)), inner_(std::move(inner)) {}

  dhall::FetchResult fetch(const dhall::FetchRequest& request) override {
    if (network::remainder_under(request.url, server_url_)) {
      return inner_->fetch(request);
    }
    return {std::nullopt, "the conformance runner emulates no host for " + request.url +
                              " (tests/conformance/test_hosts.cpp) and never uses the network"};
  }

private:
  std::string server_url_;
  std::shared_ptr<dhall::Fetcher> inner_;
};

} // namespace

void emulate_test_hosts(testing::LoopbackServer& server, const fs::path& shared_dir) {
  emulate_github(server, shared_dir);
  emulate_test_dhall_lang(server);
  emulate_httpbin(server);
  // prelude.dhall-lang.org serves the Prelude of the latest release.
  server.serve_directory("/prelude.dhall-lang.org", shared_dir / "dhall-lang" / "Prelude",
                         allow_all);
  server.route("/example.com", [](const HttpRequest&) {
    return HttpResponse::text("<!doctype html><title>Example Domain</title>\n");
  });
}

std::shared_ptr<dhall::Fetcher> test_host_fetcher(const std::string& server_url) {
  std::vector<network::MirrorRule> rules;
  for (std::string_view origin : emulated_origins) {
    auto host = origin.substr(origin.find("://") + 3);
    rules.push_back(network::MirrorRule{std::string(origin),
                                        network::UrlTarget{server_url + "/" + std::string(host)}});
  }
  return std::make_shared<network::MirrorFetcher>(
      std::move(rules),
      std::make_shared<LoopbackOnly>(server_url, std::make_shared<network::CurlFetcher>()));
}

} // namespace polar::conformance
