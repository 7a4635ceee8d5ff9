#pragma once
// `polar-helm push`: a chart package as the OCI artifact `helm push` makes,
// without a clock in it (docs/release.md).
#include <filesystem>
#include <string>

#include "release/detail/oci_reference.h"
#include "release/detail/registry_client.h"

namespace polar::release {

inline constexpr const char* helm_config_media_type = "application/vnd.cncf.helm.config.v1+json";
inline constexpr const char* helm_layer_media_type =
    "application/vnd.cncf.helm.chart.content.v1.tar+gzip";
inline constexpr const char* oci_manifest_media_type = "application/vnd.oci.image.manifest.v1+json";

// The bytes of an artifact and what the registry is to call them.
struct ChartArtifact {
  std::string name, version;
  std::string config;   // helm's chart metadata as JSON
  std::string layer;    // the .tgz
  std::string manifest; // the OCI image manifest
  std::string manifest_digest, layer_digest;
};

// The artifact of the package `tgz` (its bytes): config from its Chart.yaml
// in the fields and order of helm's chart.Metadata, annotations with the
// chart's title, version, description, url and source, and the
// SOURCE_DATE_EPOCH time (UTC) as `created` only when that is set. Throws
// chart::ChartError when the package holds no readable Chart.yaml.
ChartArtifact chart_artifact(const std::string& tgz);

// "sha256:<hex>".
std::string sha256_digest(const std::string& bytes);

struct PushResult {
  std::string reference; // HOST/REPO/NAME:TAG
  std::string manifest_digest;
  std::string layer_digest;
};

// Pushes the package at `package` to `target` (blobs first, existing ones
// skipped, then the manifest tagged with the version); throws RegistryError.
PushResult push_chart(const std::filesystem::path& package, const OciReference& target,
                      const RegistryOptions& options);

} // namespace polar::release
