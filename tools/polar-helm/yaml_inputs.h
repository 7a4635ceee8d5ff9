#pragma once
// What `validate` and `import-yaml` share: YAML files read as streams, and
// the Dhall they read them against (an expression given on the command line,
// or dhall-kubernetes' package).
#include <filesystem>
#include <string>

#include "imports/load.h"
#include "schema/yaml_reading.h"

namespace polar::cli {

// The YAML file at `path` ("-" for standard input). Throws EnvironmentError
// (report.h) when it cannot be read, dhall::Error for invalid YAML.
schema::YamlStream read_yaml_stream(const std::string& path);

// Loads `expression` given on the command line: an existing file by its
// path, anything else as Dhall source whose relative imports start in the
// working directory.
dhall::Loaded load_expression(const std::string& expression, const dhall::LoadOptions& options);

} // namespace polar::cli
