#pragma once
// Converting a Dhall normal form into JSON data (see docs/rendering.md).
#include <string>

#include "render/json.h"
#include "syntax/expr.h"

namespace polar::render {

struct ConversionOptions {
  // `List { mapKey : Text, mapValue : T }` becomes an object (off with
  // --no-maps); the field names are --key and --value.
  bool association_lists_as_objects = true;
  std::string map_key = "mapKey";
  std::string map_value = "mapValue";
  // NaN becomes null and ±Infinity the largest finite Double, instead of an
  // error (--approximate-special-doubles).
  bool approximate_special_doubles = false;
};

// Converts a β-normal, well-typed expression with dhall-to-json's rules:
// records become objects, `Some x` is x and `None T` null, union values
// their payload (an empty alternative its name), the Prelude's JSON.Type and
// `JSON/Nesting` records what they encode, Date/Time/TimeZone ISO 8601 text.
// Null fields are kept here; see omission.h.
//
// Throws dhall::Error(ErrorKind::render) naming the path to the first value
// JSON cannot represent (a function, a type, a special Double).
Json dhall_to_json(const dhall::ExprPtr& normal_form, const ConversionOptions& options = {});

} // namespace polar::render
