#pragma once
// Which absent values are left out of the output: dhall-to-json's default,
// --preserve-null and --omit-empty.
#include "render/json.h"

namespace polar::render {

enum class Omission {
  null_fields, // default: object fields that are null are left out
  none,        // --preserve-null: nothing is left out
  empty,       // --omit-empty: also empty objects and arrays; see omit_empty
};

// Applies `omission` to `value`, at every depth.
Json apply_omission(Json value, Omission omission);

} // namespace polar::render
