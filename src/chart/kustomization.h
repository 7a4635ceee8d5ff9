#pragma once
// The kustomization.yaml files of a folder of plain manifests
// (polar_helm_manifests(... KUSTOMIZATION), `polar-helm manifests
// --kustomization`): one per output folder, listing its resources, so Flux
// or `kubectl apply -k` can take the folder as it is.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace polar::chart {

inline constexpr std::string_view kustomization_name = "kustomization.yaml";

// The kustomization files for `outputs` (paths relative to the folder, `/`
// separators): one in each folder holding an output and in each folder
// above it up to the top, sorted.
std::vector<std::string> kustomization_files(const std::vector<std::string>& outputs);

// The kustomization of `folder` ("" for the top): the outputs directly in
// it, then the sub-folders holding outputs, each sorted by name.
std::string kustomization_text(std::string_view folder, const std::vector<std::string>& outputs);

// Writes the kustomization files of `outputs` into `folder`, each only when
// its bytes change; returns them (kustomization_files).
std::vector<std::string> write_kustomizations(const std::filesystem::path& folder,
                                              const std::vector<std::string>& outputs);

} // namespace polar::chart
