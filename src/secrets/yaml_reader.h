#pragma once
// YAML text -> Node, through yaml-cpp. Plain scalars are resolved as sops
// resolves them (scalar.h), quoted ones are strings, keys are strings.
#include <string_view>

#include "secrets/tree.h"

namespace polar::secrets {

// Reads a single YAML document whose top level is a mapping, as sops
// requires. Throws Error(input) with the line and column of a syntax error;
// messages never quote the text, which may be a secret.
Node read_yaml_document(std::string_view text, std::string_view source);

} // namespace polar::secrets
