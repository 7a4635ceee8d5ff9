#pragma once
// The Prelude's JSON.Type, a Boehm-Berarducci encoding of JSON:
//
//   λ(JSON : Type) →
//   λ(json : { array : List JSON → JSON, bool : Bool → JSON,
//              double : Double → JSON, integer : Integer → JSON, null : JSON,
//              object : List { mapKey : Text, mapValue : JSON } → JSON,
//              string : Text → JSON }) →
//     json.object [ { mapKey = "a", mapValue = json.bool True } ]
//
// (Preludes before v13 have `number : Double → JSON` instead of `double` and
// `integer`.) dhall-to-json renders such a function as the JSON it builds.
#include <optional>

#include "render/detail/conversion_context.h"
#include "render/json.h"
#include "syntax/expr.h"

namespace polar::render {

// The JSON that `function` encodes, or nullopt when it is not a JSON.Type
// value. Fails through `context` when it has the shape but its body builds
// something else.
std::optional<Json> decode_json_encoding(const dhall::Lambda& function, ConversionContext& context);

} // namespace polar::render
