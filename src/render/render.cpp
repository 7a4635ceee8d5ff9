#include "render/render.h"

namespace polar::render {

std::string render(const dhall::ValuePtr& value, const RenderOptions& options) {
  Json json = apply_omission(dhall_to_json(value, options.conversion), options.omission);
  return options.format == OutputFormat::json ? write_json(json, options.json_layout)
                                              : write_yaml(json, options.yaml);
}

} // namespace polar::render
