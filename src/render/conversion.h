#pragma once
// Converting a Dhall value into JSON data (see docs/rendering.md).
#include <string>

#include "render/detail/json_events.h"
#include "render/json.h"
#include "semantics/value.h"

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
  // Error paths name the keys of association lists. Off when those keys may
  // hold values that must stay out of messages (read from `env:` or a secret
  // file): the path then says `<value hidden>` in their place.
  bool map_keys_in_errors = true;
};

// Converts the value of a closed, well-typed expression (`eval({}, e)`,
// what the loader gives) with dhall-to-json's rules: records become
// objects, `Some x` is x and `None T` null, union values their payload (an
// empty alternative its name), the Prelude's JSON.Type and `JSON/Nesting`
// records what they encode, Date/Time/TimeZone values and the records of
// the combined temporal literals RFC 3339 text (temporal.h). Lazy record
// fields are forced as they are reached; types the JSON does not show (of
// `None T`, of union values) are never read back. Null fields are kept
// here; see omission.h.
//
// Throws dhall::Error(ErrorKind::render) naming the path to the first value
// JSON cannot represent (a function, a type, a special Double), and
// whatever forcing a field throws (depth limits).
//
// Sends the JSON to `events` as it converts, one value at a time: the
// output never exists whole (a renderer writes it as it comes). What was
// sent before an error stands; the caller discards it.
void convert_dhall_to_json(const dhall::ValuePtr& value, const ConversionOptions& options,
                           JsonEvents& events);
// The same, collected into JSON data.
Json dhall_to_json(const dhall::ValuePtr& value, const ConversionOptions& options = {});

} // namespace polar::render
