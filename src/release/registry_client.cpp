#include "release/detail/registry_client.h"

#include <yaml-cpp/yaml.h>

#include <cctype>
#include <map>

#include "release/registry_error.h"
#include "secrets/base64.h"

namespace polar::release {
namespace {

struct Collected {
  std::string body;
  RegistryClient::Response* response = nullptr;
};

size_t on_body(char* data, size_t size, size_t count, void* user) {
  static_cast<Collected*>(user)->body.append(data, size * count);
  return size * count;
}

std::string lower(std::string text) {
  for (char& c : text) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return text;
}

std::string trimmed(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return std::string(text);
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto& response = *static_cast<Collected*>(user)->response;
  std::string_view line(data, size * count);
  if (line.starts_with("HTTP/")) {
    response.location.clear();
    response.authenticate.clear();
    response.content_digest.clear();
  }
  std::size_t colon = line.find(':');
  if (colon != std::string_view::npos) {
    std::string name = lower(std::string(line.substr(0, colon)));
    std::string value = trimmed(line.substr(colon + 1));
    if (name == "location") {
      response.location = value;
    } else if (name == "www-authenticate") {
      response.authenticate = value;
    } else if (name == "docker-content-digest") {
      response.content_digest = value;
    }
  }
  return size * count;
}

// The parameters of a `Bearer realm="...",service="...",scope="..."` challenge.
std::map<std::string, std::string> challenge_parameters(std::string_view text) {
  std::map<std::string, std::string> parameters;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ',' || text[i] == ' ')) {
      ++i;
    }
    std::size_t equals = text.find('=', i);
    if (equals == std::string_view::npos) {
      break;
    }
    std::string key = lower(trimmed(text.substr(i, equals - i)));
    std::string value;
    i = equals + 1;
    if (i < text.size() && text[i] == '"') {
      for (++i; i < text.size() && text[i] != '"'; ++i) {
        if (text[i] == '\\' && i + 1 < text.size()) {
          ++i;
        }
        value += text[i];
      }
      ++i;
    } else {
      std::size_t end = text.find(',', i);
      value = trimmed(text.substr(i, end == std::string_view::npos ? text.npos : end - i));
      i = end == std::string_view::npos ? text.size() : end;
    }
    parameters[key] = value;
  }
  return parameters;
}

std::string url_escape(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      constexpr char hex[] = "0123456789ABCDEF";
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

template <typename Value>
void set(CURL* curl, CURLoption option, Value value) {
  if (curl_easy_setopt(curl, option, value) != CURLE_OK) {
    throw RegistryError("libcurl rejected an option");
  }
}

} // namespace

RegistryClient::RegistryClient(std::string host, std::string repository,
                               std::optional<BasicCredentials> credentials, RegistryOptions options)
    : host_(std::move(host)), repository_(std::move(repository)),
      credentials_(std::move(credentials)), options_(std::move(options)),
      base_((options_.plain_http ? "http://" : "https://") + host_) {
}

RegistryClient::Response RegistryClient::transfer(const std::string& method, const std::string& url,
                                                  const std::string* body,
                                                  const std::string& content_type,
                                                  const std::string& authorization) {
  static const CURLcode initialized = curl_global_init(CURL_GLOBAL_DEFAULT);
  if (initialized != CURLE_OK) {
    throw RegistryError(std::string("cannot initialize libcurl: ") +
                        curl_easy_strerror(initialized));
  }
  if (!handle_) {
    handle_.reset(curl_easy_init());
    if (!handle_) {
      throw RegistryError("cannot create a libcurl handle");
    }
  }
  CURL* curl = handle_.get();
  curl_easy_reset(curl);
  network::CurlList headers;
  auto add_header = [&](const std::string& line) {
    curl_slist* extended = curl_slist_append(headers.get(), line.c_str());
    if (extended == nullptr) {
      throw std::bad_alloc();
    }
    (void)headers.release();
    headers.reset(extended);
  };
  if (!authorization.empty()) {
    add_header("Authorization: " + authorization);
  }
  if (!content_type.empty()) {
    add_header("Content-Type: " + content_type);
  }
  add_header("Accept: application/vnd.oci.image.manifest.v1+json, application/json");
  Response response;
  Collected collected{"", &response};
  char error_detail[CURL_ERROR_SIZE] = "";
  set(curl, CURLOPT_URL, url.c_str());
  set(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  set(curl, CURLOPT_NOSIGNAL, 1L);
  set(curl, CURLOPT_CONNECTTIMEOUT, 10L);
  set(curl, CURLOPT_TIMEOUT, 300L);
  set(curl, CURLOPT_HTTPHEADER, headers.get());
  set(curl, CURLOPT_WRITEFUNCTION, on_body);
  set(curl, CURLOPT_WRITEDATA, &collected);
  set(curl, CURLOPT_HEADERFUNCTION, on_header);
  set(curl, CURLOPT_HEADERDATA, &collected);
  set(curl, CURLOPT_ERRORBUFFER, error_detail);
  if (!options_.ca_file.empty()) {
    set(curl, CURLOPT_CAINFO, options_.ca_file.c_str());
  }
  if (method == "HEAD") {
    set(curl, CURLOPT_NOBODY, 1L);
  } else if (method != "GET") {
    set(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
    static const std::string empty;
    const std::string& data = body != nullptr ? *body : empty;
    set(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(data.size()));
    set(curl, CURLOPT_POSTFIELDS, data.data());
  }
  if (CURLcode code = curl_easy_perform(curl); code != CURLE_OK) {
    std::string text = curl_easy_strerror(code);
    if (error_detail[0] != '\0') {
      text += std::string(" (") + error_detail + ")";
    }
    throw RegistryError("cannot reach the registry " + host_ + ": " + text);
  }
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
  response.body = std::move(collected.body);
  return response;
}

bool RegistryClient::authenticate(const std::string& challenge) {
  std::string scheme = lower(challenge.substr(0, challenge.find(' ')));
  if (scheme == "basic") {
    if (!credentials_ || !authorization_.empty()) {
      return false;
    }
    std::string pair = credentials_->username + ":" + credentials_->password;
    authorization_ =
        "Basic " + secrets::base64_encode(secrets::as_bytes(pair), secrets::Padding::with);
    return true;
  }
  if (scheme != "bearer" || authorization_.starts_with("Bearer ")) {
    return false;
  }
  auto parameters = challenge_parameters(std::string_view(challenge).substr(6));
  const std::string& realm = parameters["realm"];
  if (realm.empty()) {
    return false;
  }
  std::string url = realm + (realm.find('?') == std::string::npos ? "?" : "&");
  if (!parameters["service"].empty()) {
    url += "service=" + url_escape(parameters["service"]) + "&";
  }
  url += "scope=" + url_escape("repository:" + repository_ + ":pull,push");
  std::string basic;
  if (credentials_) {
    std::string pair = credentials_->username + ":" + credentials_->password;
    basic = "Basic " + secrets::base64_encode(secrets::as_bytes(pair), secrets::Padding::with);
  }
  Response answer = transfer("GET", url, nullptr, "", basic);
  if (answer.status == 401 || answer.status == 403) {
    credentials_rejected_ = true;
    return false;
  }
  if (answer.status != 200) {
    fail("the token service of", answer);
  }
  std::string token;
  try {
    YAML::Node json = YAML::Load(answer.body);
    for (const char* key : {"token", "access_token"}) {
      if (json.IsMap() && json[key] && json[key].IsScalar()) {
        token = json[key].Scalar();
        break;
      }
    }
  } catch (const YAML::Exception&) {
  }
  if (token.empty()) {
    throw RegistryError("the token service of the registry " + host_ + " answered without a token");
  }
  authorization_ = "Bearer " + token;
  return true;
}

RegistryClient::Response RegistryClient::send(const std::string& method, const std::string& url,
                                              const std::string* body,
                                              const std::string& content_type) {
  Response response = transfer(method, url, body, content_type, authorization_);
  while (response.status == 401 && authenticate(response.authenticate)) {
    response = transfer(method, url, body, content_type, authorization_);
  }
  if (response.status == 401 || response.status == 403) {
    if (credentials_rejected_ || (credentials_ && !authorization_.empty())) {
      throw RegistryError("the registry " + host_ + " rejected the credentials for " + repository_ +
                          " (from DOCKER_AUTH_JSON or DOCKER_CONFIG; not shown)");
    }
    throw RegistryError("the registry " + host_ + " asks for credentials for " + repository_ +
                        " and none were found (DOCKER_AUTH_JSON, DOCKER_CONFIG/config.json)");
  }
  return response;
}

void RegistryClient::fail(const std::string& what, const Response& response) const {
  // The body of an error is the registry's JSON: its text, never ours.
  std::string detail = response.body.substr(0, 300);
  for (char& c : detail) {
    if (c == '\n' || c == '\r') {
      c = ' ';
    }
  }
  throw RegistryError(what + " the registry " + host_ + " answered HTTP " +
                      std::to_string(response.status) + (detail.empty() ? "" : ": " + detail));
}

bool RegistryClient::has_blob(const std::string& digest) {
  Response response = send("HEAD", base_ + "/v2/" + repository_ + "/blobs/" + digest, nullptr, "");
  // A registry that keeps blobs elsewhere (S3, a CDN) may redirect a HEAD.
  if (response.status == 200 || response.status == 307) {
    return true;
  }
  if (response.status == 404) {
    return false;
  }
  fail("HEAD blob " + digest + ":", response);
}

void RegistryClient::upload_blob(const std::string& digest, const std::string& bytes) {
  Response started = send("POST", base_ + "/v2/" + repository_ + "/blobs/uploads/", nullptr, "");
  if (started.status != 202 || started.location.empty()) {
    fail("starting an upload:", started);
  }
  std::string location = started.location;
  if (location.starts_with("/")) {
    location = base_ + location;
  }
  location += (location.find('?') == std::string::npos ? "?" : "&");
  location += "digest=" + url_escape(digest);
  Response finished = send("PUT", location, &bytes, "application/octet-stream");
  if (finished.status != 201) {
    fail("uploading blob " + digest + ":", finished);
  }
}

std::string RegistryClient::put_manifest(const std::string& tag, const std::string& manifest,
                                         const std::string& media_type) {
  Response response =
      send("PUT", base_ + "/v2/" + repository_ + "/manifests/" + tag, &manifest, media_type);
  if (response.status != 201) {
    fail("PUT manifest " + tag + ":", response);
  }
  return response.content_digest;
}

} // namespace polar::release
