#include "release/flux_artifact.h"

#include <algorithm>
#include <ctime>
#include <map>

#include "chart/files.h"
#include "chart/written_files.h"
#include "release/chart_package.h"
#include "release/detail/gzip.h"
#include "release/detail/tar_writer.h"
#include "release/oci_push.h"
#include "release/registry_error.h"
#include "render/string_escape.h"
#include "support/file_io.h"

namespace polar::release {

namespace fs = std::filesystem;

namespace {

std::string json_string(std::string_view text) {
  std::string out;
  render::append_json_string(out, text);
  return out;
}

std::string descriptor(const char* media_type, const std::string& bytes) {
  return "{\"mediaType\":" + json_string(media_type) +
         ",\"digest\":" + json_string(sha256_digest(bytes)) +
         ",\"size\":" + std::to_string(bytes.size()) + "}";
}

} // namespace

FluxArtifact flux_artifact(const fs::path& folder, const std::string& source,
                           const std::string& revision) {
  std::error_code error;
  if (!fs::is_directory(folder, error)) {
    throw chart::ChartError(folder.string() + ": not a folder");
  }
  std::vector<std::string> files;
  for (auto it = fs::recursive_directory_iterator(
           folder, fs::directory_options::follow_directory_symlink, error);
       !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
    if (it->is_directory(error)) {
      continue;
    }
    // polar-helm's own bookkeeping (the record of what sync wrote) and the
    // temporaries of a write that was killed are not part of the manifests.
    std::string name = it->path().filename().string();
    if (name == chart::written_files_name || dhall::is_temporary_name(name)) {
      continue;
    }
    if (!it->is_regular_file(error)) {
      throw chart::ChartError(it->path().string() + ": not a regular file");
    }
    files.push_back(fs::relative(it->path(), folder).generic_string());
  }
  if (error) {
    throw chart::ChartError(folder.string() + ": " + error.message());
  }
  std::sort(files.begin(), files.end());
  TarWriter tar(0); // Flux's own artifacts have zero times
  for (const std::string& file : files) {
    tar.add_file(file, chart::read_file(folder / file), 0644);
  }
  FluxArtifact artifact;
  artifact.config = "{}";
  artifact.layer = gzip_compress(std::move(tar).finish());
  std::map<std::string, std::string> annotations;
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch && *epoch) {
    std::time_t seconds = static_cast<std::time_t>(package_time());
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    annotations["org.opencontainers.image.created"] = text;
  }
  if (!source.empty()) {
    annotations["org.opencontainers.image.source"] = source;
  }
  if (!revision.empty()) {
    annotations["org.opencontainers.image.revision"] = revision;
  }
  std::string annotation_json = "{";
  for (const auto& [key, value] : annotations) {
    annotation_json +=
        (annotation_json.size() > 1 ? "," : "") + json_string(key) + ":" + json_string(value);
  }
  annotation_json += "}";
  artifact.manifest = "{\"schemaVersion\":2,\"mediaType\":" + json_string(oci_manifest_media_type) +
                      ",\"config\":" + descriptor(flux_config_media_type, artifact.config) +
                      ",\"layers\":[" + descriptor(flux_layer_media_type, artifact.layer) +
                      "],\"annotations\":" + annotation_json + "}";
  artifact.manifest_digest = sha256_digest(artifact.manifest);
  return artifact;
}

std::string push_flux_artifact(const FluxArtifact& artifact, const std::string& host,
                               const std::string& repository, const std::string& tag,
                               const RegistryOptions& options) {
  RegistryClient client(host, repository, find_credentials(host), options);
  for (const std::string* blob : {&artifact.config, &artifact.layer}) {
    std::string digest = sha256_digest(*blob);
    if (!client.has_blob(digest)) {
      client.upload_blob(digest, *blob);
    }
  }
  std::string reported = client.put_manifest(tag, artifact.manifest, oci_manifest_media_type);
  if (!reported.empty() && reported != artifact.manifest_digest) {
    throw RegistryError("the registry " + host + " stored the manifest as " + reported + ", not " +
                        artifact.manifest_digest);
  }
  return artifact.manifest_digest;
}

} // namespace polar::release
