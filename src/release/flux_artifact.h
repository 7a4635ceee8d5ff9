#pragma once
// `polar-helm push --flux`: a folder of plain manifests as the OCI artifact
// `flux push artifact` makes (Flux's OCIRepository pulls it), reproducible
// the same way as chart packages (docs/release.md).
#include <filesystem>
#include <string>

#include "release/detail/oci_reference.h"
#include "release/detail/registry_client.h"

namespace polar::release {

inline constexpr const char* flux_config_media_type = "application/vnd.cncf.flux.config.v1+json";
inline constexpr const char* flux_layer_media_type =
    "application/vnd.cncf.flux.content.v1.tar+gzip";

struct FluxArtifact {
  std::string config; // "{}": Flux reads the layer only
  std::string layer;  // the folder's files, relative paths, sorted, time 0, uid/gid 0
  std::string manifest;
  std::string manifest_digest;
};

// The artifact of the regular files below `folder` (symlinks followed;
// anything else is a chart::ChartError). `source` and `revision` become the
// org.opencontainers.image.source/.revision annotations when not empty;
// `created` only with SOURCE_DATE_EPOCH.
FluxArtifact flux_artifact(const std::filesystem::path& folder, const std::string& source,
                           const std::string& revision);

// Pushes `artifact` to `repository`:`tag` at `host`; returns the manifest digest.
std::string push_flux_artifact(const FluxArtifact& artifact, const std::string& host,
                               const std::string& repository, const std::string& tag,
                               const RegistryOptions& options);

} // namespace polar::release
