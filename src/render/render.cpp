#include "render/render.h"

namespace polar::render {
namespace {

// Conversion, then omission, then `writer`.
template <typename Writer>
void convert_into(const dhall::ValuePtr& value, const RenderOptions& options, Writer& writer) {
  OmissionFilter omission(options.omission, writer);
  convert_dhall_to_json(value, options.conversion, omission);
  writer.finish();
}

} // namespace

void render(const dhall::ValuePtr& value, const RenderOptions& options, TextSink& sink) {
  if (options.format == OutputFormat::json) {
    JsonTextWriter writer(options.json_layout, sink);
    convert_into(value, options, writer);
  } else {
    YamlTextWriter writer(options.yaml, sink);
    convert_into(value, options, writer);
  }
}

std::string render(const dhall::ValuePtr& value, const RenderOptions& options) {
  StringSink sink;
  render(value, options, sink);
  return sink.take();
}

} // namespace polar::render
