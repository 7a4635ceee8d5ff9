#pragma once
// A JSON Schema (draft-07) describing every JSON or YAML document that
// dhall-to-json renders from values of a Dhall type: what `values.schema.json`
// holds so that `helm install --set ...` and values files are checked
// against the type of `values.dhall` (docs/schema.md).
#include <string>
#include <vector>

#include "render/json.h"
#include "semantics/value.h"

namespace polar::schema {

// The schema of `type` (the value of a closed type, e.g. the evaluated
// `Loaded::type`), with its `$schema` keyword. Records are closed objects
// whose non-Optional fields are required, `Natural` a non-negative integer,
// `Optional T` T or null, `Prelude.Map Text T` an object of Ts, a union of
// empty alternatives an `enum` of their names, another union the `oneOf`
// (`anyOf` where its alternatives' JSON types overlap) of what its
// alternatives render as, `Prelude.JSON.Type` anything. Throws
// dhall::Error(render) naming the path of the first type with no JSON
// rendering (a function, `Bytes`, a type of types).
render::Json json_schema(const dhall::ValuePtr& type);

// The schema of a chart's values of `type`, which Helm checks after adding
// keys of its own: `global` (every chart), and for each subchart named in
// `subcharts` the subchart's values under its name. Those keys are allowed,
// as objects; where `type` has a field for a subchart, the fields it names
// keep their types and others are allowed (the subchart's own schema checks
// them). The rest is json_schema(type).
render::Json chart_values_schema(const dhall::ValuePtr& type,
                                 const std::vector<std::string>& subcharts);

} // namespace polar::schema
