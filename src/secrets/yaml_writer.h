#pragma once
// Node -> YAML text, keys in their order. Strings are quoted only where a
// YAML 1.1 or 1.2 reader would take them for something else (the render
// module's rules), floats always read back as floats.
#include <cstddef>
#include <string>
#include <vector>

#include "secrets/detail/tree.h"

namespace polar::secrets {

struct YamlLayout {
  // Columns per nesting level: 2 as polar-helm render writes, 4 as sops
  // writes (go-yaml v3 with SetIndent(4)).
  std::size_t indent = 2;
  // Write `ENC[AES256_GCM,...]` values unquoted, as sops does (they are
  // plain-safe by construction).
  bool plain_sops_values = false;
};

std::string write_yaml_document(const Node& document, const YamlLayout& layout);

// A YAML stream: the documents with `---` between them, as go-yaml's encoder
// (and so sops) writes several; one document is written as above.
std::string write_yaml_documents(const std::vector<Node>& documents, const YamlLayout& layout);

} // namespace polar::secrets
