#pragma once
// YAML text -> Node, through yaml-cpp. Plain scalars are resolved as sops
// resolves them (scalar.h), quoted ones are strings, keys are strings.
#include <string_view>
#include <vector>

#include "secrets/detail/tree.h"

namespace polar::secrets {

// Reads a single YAML document whose top level is a mapping, as sops
// requires. Throws Error(input) with the line and column of a syntax error;
// messages never quote the text, which may be a secret.
Node read_yaml_document(std::string_view text, std::string_view source);

// Reads a YAML stream of one or more documents (`---` between them), each a
// mapping at the top, as sops reads a multi-document YAML file. Errors as
// read_yaml_document, naming the document (from 1) when there are several.
std::vector<Node> read_yaml_documents(std::string_view text, std::string_view source);

} // namespace polar::secrets
