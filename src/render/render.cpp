#include "render/render.h"

namespace polar::render {

std::string render(const dhall::ExprPtr& normal_form, const RenderOptions& options) {
  Json value = apply_omission(dhall_to_json(normal_form, options.conversion), options.omission);
  return options.format == OutputFormat::json ? write_json(value, options.json_layout)
                                              : write_yaml(value, options.yaml);
}

} // namespace polar::render
