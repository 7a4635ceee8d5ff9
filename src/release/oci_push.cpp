#include "release/oci_push.h"

#include <yaml-cpp/yaml.h>

#include <ctime>

#include "binary/hash.h"
#include "chart/files.h"
#include "release/chart_package.h"
#include "release/detail/gzip.h"
#include "release/registry_error.h"
#include "render/string_escape.h"

namespace polar::release {
namespace {

// The first `<chart>/Chart.yaml` of an uncompressed tar.
std::string chart_yaml_of(const std::string& tar) {
  constexpr std::size_t block = 512;
  for (std::size_t at = 0; at + block <= tar.size();) {
    std::string_view header(tar.data() + at, block);
    if (header[0] == '\0') {
      break;
    }
    std::string name(header.substr(0, 100).substr(0, header.substr(0, 100).find('\0')));
    std::string prefix(header.substr(345, 155).substr(0, header.substr(345, 155).find('\0')));
    if (!prefix.empty()) {
      name = prefix + "/" + name;
    }
    std::uint64_t size = std::stoull(std::string(header.substr(124, 11)), nullptr, 8);
    std::size_t data = at + block;
    if (data + size > tar.size()) {
      break;
    }
    std::size_t slash = name.find('/');
    if ((header[156] == '0' || header[156] == '\0') && slash != std::string::npos &&
        name.substr(slash + 1) == "Chart.yaml") {
      return tar.substr(data, size);
    }
    at = data + (size + block - 1) / block * block;
  }
  throw chart::ChartError("the package holds no <chart>/Chart.yaml");
}

class JsonObject {
public:
  void raw(std::string_view key, std::string_view json) {
    text_ += text_.size() > 1 ? "," : "";
    render::append_json_string(text_, key);
    text_ += ":";
    text_ += json;
  }
  void string(std::string_view key, std::string_view value) {
    std::string quoted;
    render::append_json_string(quoted, value);
    raw(key, quoted);
  }
  std::string close() && { return std::move(text_) + "}"; }

private:
  std::string text_ = "{";
};

std::string scalar(const YAML::Node& node, const char* key) {
  YAML::Node value = node.IsMap() ? node[key] : YAML::Node();
  return value && value.IsScalar() ? value.Scalar() : "";
}

// A Go `string` field with omitempty.
void optional_string(JsonObject& object, const YAML::Node& node, const char* key) {
  if (std::string value = scalar(node, key); !value.empty()) {
    object.string(key, value);
  }
}

void optional_strings(JsonObject& object, const YAML::Node& node, const char* key) {
  YAML::Node list = node.IsMap() ? node[key] : YAML::Node();
  if (!list || !list.IsSequence() || list.size() == 0) {
    return;
  }
  std::string json = "[";
  for (const auto& item : list) {
    json += json.size() > 1 ? "," : "";
    render::append_json_string(json, item.IsScalar() ? item.Scalar() : "");
  }
  object.raw(key, json + "]");
}

void optional_bool(JsonObject& object, const YAML::Node& node, const char* key) {
  YAML::Node value = node.IsMap() ? node[key] : YAML::Node();
  if (value && value.IsScalar() && value.as<bool>(false)) {
    object.raw(key, "true");
  }
}

void optional_objects(JsonObject& object, const YAML::Node& node, const char* key,
                      void (*write)(JsonObject&, const YAML::Node&)) {
  YAML::Node list = node.IsMap() ? node[key] : YAML::Node();
  if (!list || !list.IsSequence() || list.size() == 0) {
    return;
  }
  std::string json = "[";
  for (const auto& item : list) {
    json += json.size() > 1 ? "," : "";
    JsonObject entry;
    write(entry, item);
    json += std::move(entry).close();
  }
  object.raw(key, json + "]");
}

// helm's chart.Metadata as Go's encoding/json writes it: fields in the
// struct's order, empty ones left out.
std::string config_json(const YAML::Node& chart) {
  JsonObject object;
  optional_string(object, chart, "name");
  optional_string(object, chart, "home");
  optional_strings(object, chart, "sources");
  optional_string(object, chart, "version");
  optional_string(object, chart, "description");
  optional_strings(object, chart, "keywords");
  optional_objects(object, chart, "maintainers", [](JsonObject& entry, const YAML::Node& item) {
    optional_string(entry, item, "name");
    optional_string(entry, item, "email");
    optional_string(entry, item, "url");
  });
  optional_string(object, chart, "icon");
  optional_string(object, chart, "apiVersion");
  optional_string(object, chart, "condition");
  optional_string(object, chart, "tags");
  optional_string(object, chart, "appVersion");
  optional_bool(object, chart, "deprecated");
  if (YAML::Node annotations = chart["annotations"]; annotations && annotations.IsMap()) {
    std::map<std::string, std::string> sorted; // Go writes map keys sorted
    for (const auto& entry : annotations) {
      sorted[entry.first.as<std::string>("")] =
          entry.second.IsScalar() ? entry.second.Scalar() : "";
    }
    JsonObject json;
    for (const auto& [key, value] : sorted) {
      json.string(key, value);
    }
    if (!sorted.empty()) {
      object.raw("annotations", std::move(json).close());
    }
  }
  optional_string(object, chart, "kubeVersion");
  optional_objects(object, chart, "dependencies", [](JsonObject& entry, const YAML::Node& item) {
    optional_string(entry, item, "name");
    optional_string(entry, item, "version");
    entry.string("repository", scalar(item, "repository")); // no omitempty in helm
    optional_string(entry, item, "condition");
    optional_strings(entry, item, "tags");
    optional_bool(entry, item, "enabled");
    optional_string(entry, item, "alias");
  });
  optional_string(object, chart, "type");
  return std::move(object).close();
}

std::string descriptor(const char* media_type, const std::string& bytes) {
  JsonObject object;
  object.string("mediaType", media_type);
  object.string("digest", sha256_digest(bytes));
  object.raw("size", std::to_string(bytes.size()));
  return std::move(object).close();
}

std::string annotations_json(const YAML::Node& chart) {
  std::map<std::string, std::string> annotations;
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch && *epoch) {
    std::time_t seconds = static_cast<std::time_t>(package_time());
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    annotations["org.opencontainers.image.created"] = text;
  }
  annotations["org.opencontainers.image.title"] = scalar(chart, "name");
  annotations["org.opencontainers.image.version"] = scalar(chart, "version");
  for (auto [annotation, field] : {std::pair{"description", "description"}, {"url", "home"}}) {
    if (std::string value = scalar(chart, field); !value.empty()) {
      annotations[std::string("org.opencontainers.image.") + annotation] = value;
    }
  }
  if (YAML::Node sources = chart["sources"];
      sources && sources.IsSequence() && sources.size() > 0 && sources[0].IsScalar()) {
    annotations["org.opencontainers.image.source"] = sources[0].Scalar();
  }
  JsonObject object;
  for (const auto& [key, value] : annotations) {
    object.string(key, value);
  }
  return std::move(object).close();
}

} // namespace

std::string sha256_digest(const std::string& bytes) {
  auto digest =
      dhall::sha256(std::span(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()));
  return "sha256:" + dhall::to_hex(digest);
}

ChartArtifact chart_artifact(const std::string& tgz) {
  std::string tar;
  try {
    tar = gzip_decompress(tgz);
  } catch (const std::runtime_error& error) {
    throw chart::ChartError(std::string("not a chart package: ") + error.what());
  }
  std::string chart_text = chart_yaml_of(tar);
  YAML::Node chart;
  try {
    chart = YAML::Load(chart_text);
  } catch (const YAML::Exception& error) {
    throw chart::ChartError("the package's Chart.yaml: " + error.msg);
  }
  ChartArtifact artifact;
  artifact.name = scalar(chart, "name");
  artifact.version = scalar(chart, "version");
  if (artifact.name.empty() || artifact.version.empty()) {
    throw chart::ChartError("the package's Chart.yaml has no name or no version");
  }
  artifact.config = config_json(chart);
  artifact.layer = tgz;
  JsonObject manifest;
  // The fields and order of helm's manifest (no top-level mediaType): with
  // helm's `created` time, the bytes helm pushes.
  manifest.raw("schemaVersion", "2");
  manifest.raw("config", descriptor(helm_config_media_type, artifact.config));
  manifest.raw("layers", "[" + descriptor(helm_layer_media_type, artifact.layer) + "]");
  manifest.raw("annotations", annotations_json(chart));
  artifact.manifest = std::move(manifest).close();
  artifact.manifest_digest = sha256_digest(artifact.manifest);
  artifact.layer_digest = sha256_digest(artifact.layer);
  return artifact;
}

PushResult push_chart(const std::filesystem::path& package, const OciReference& target,
                      const RegistryOptions& options) {
  ChartArtifact artifact = chart_artifact(chart::read_file(package));
  std::string repository = target.repository + "/" + artifact.name;
  RegistryClient client(target.host, repository, find_credentials(target.host), options);
  for (const std::string* blob : {&artifact.config, &artifact.layer}) {
    std::string digest = sha256_digest(*blob);
    if (!client.has_blob(digest)) {
      client.upload_blob(digest, *blob);
    }
  }
  std::string tag = tag_for_version(artifact.version);
  std::string reported = client.put_manifest(tag, artifact.manifest, oci_manifest_media_type);
  if (!reported.empty() && reported != artifact.manifest_digest) {
    throw RegistryError("the registry " + target.host + " stored the manifest as " + reported +
                        ", not " + artifact.manifest_digest);
  }
  return {target.host + "/" + repository + ":" + tag, artifact.manifest_digest,
          artifact.layer_digest};
}

} // namespace polar::release
