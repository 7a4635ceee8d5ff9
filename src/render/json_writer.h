#pragma once
// JSON data as JSON text, as dhall-to-json writes it.
#include <string>

#include "render/json.h"

namespace polar::render {

enum class JsonLayout {
  pretty,  // two-space indentation, one element per line (aeson-pretty)
  compact, // one line (--compact)
};

// Keys in code point order; numbers and string escapes as dhall-to-json
// prints them. Ends with a line break.
std::string write_json(const Json& value, JsonLayout layout = JsonLayout::pretty);

} // namespace polar::render
