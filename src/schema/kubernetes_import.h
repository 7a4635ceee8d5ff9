#pragma once
// YAML manifests as Dhall through dhall-kubernetes: one `let` per document,
// each a record completion `kubernetes.Deployment::{ ... }` without the
// fields its schema's default already says, rendering back to the same
// data (`polar-helm import-yaml`, docs/schema.md).
#include <string>
#include <vector>

#include "schema/kubernetes_package.h"
#include "schema/yaml_reading.h"

namespace polar::schema {

struct KubernetesImport {
  std::string source;               // Dhall, formatted, ending with a line break
  std::vector<std::string> skipped; // "apiVersion kind" of the documents left out
};

// The Dhall source for `stream`, which starts by binding `kubernetes` to
// `package_import` (an import of `package`). A single document is the
// value; several are a list of `kubernetes.Resource` alternatives, which
// `render --documents` writes as the same stream. Empty documents are left
// out. Throws dhall::Error(type) at a document whose apiVersion/kind the
// package lacks (unless `skip_unknown`: then it is left out and listed), and
// what reading the YAML throws.
KubernetesImport import_kubernetes_yaml(const YamlStream& stream, const KubernetesPackage& package,
                                        const std::string& package_import,
                                        bool skip_unknown = false);

// The type a document selects: its apiVersion and kind looked up in
// `package`. Throws dhall::Error(type) at the document when either is
// missing or the package lacks the pair.
KubernetesPackage::Kind select_kind(const YamlStream& stream, std::size_t index,
                                    const KubernetesPackage& package);

} // namespace polar::schema
