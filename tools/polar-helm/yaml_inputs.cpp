#include "yaml_inputs.h"

#include <memory>
#include <system_error>

#include "input.h"

namespace polar::cli {

namespace fs = std::filesystem;

schema::YamlStream read_yaml_stream(const std::string& path) {
  Input input;
  if (path != "-") {
    input.file = path;
  }
  return schema::YamlStream(read_input(input));
}

dhall::Loaded load_expression(const std::string& expression, const dhall::LoadOptions& options) {
  std::error_code error;
  if (fs::is_regular_file(expression, error)) {
    return dhall::load_file(expression, options);
  }
  auto source =
      std::make_shared<const dhall::SourceFile>(dhall::SourceFile{"(argument)", expression});
  return dhall::load_source(source, fs::current_path(), options);
}

} // namespace polar::cli
