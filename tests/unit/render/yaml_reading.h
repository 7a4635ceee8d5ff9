#pragma once
// Reading YAML back into JSON data the way YAML 1.1 and 1.2 readers would,
// for the tests: yaml-cpp parses, and plain scalars are resolved here with
// the union of both versions' rules (a plain `yes` is a boolean, `012` a
// number, `2001-12-14` a timestamp), so a string that some reader would not
// take for a string does not come back as a string.
#include <string>
#include <vector>

#include "render/json.h"

namespace polar::render::testing {

// The documents of `yaml`. Throws std::runtime_error when a plain scalar
// reads as something JSON has no form for (a timestamp, `<<`, `0x1F`) or a
// key is not a string; YAML::Exception when yaml-cpp rejects the text.
std::vector<Json> read_yaml_documents(const std::string& yaml);

} // namespace polar::render::testing
