#pragma once
// The shapes of Dhall types that dhall-to-json renders in a form of their
// own (docs/rendering.md): association lists as objects, the Prelude's
// JSON.Type as any JSON, unions without payloads as strings. The schema, the
// YAML reader and the importer recognise them here, in one place.
#include <optional>

#include "semantics/value.h"

namespace polar::schema {

// `{ mapKey : K, mapValue : V }`, the element of a `Prelude.Map K V`.
struct MapEntryType {
  dhall::ValuePtr key;
  dhall::ValuePtr value;
};
// The entry type when `element` (the element type of a `List`) is one.
std::optional<MapEntryType> map_entry_type(const dhall::Value& element);

// Whether `type` is the Prelude's `JSON.Type`:
// `∀(JSON : Type) → ∀(json : { array : …, null : JSON, … }) → JSON`.
bool is_json_type(const dhall::Value& type);

// Whether every alternative of `type` is empty (`< A | B >`): such a union
// renders as the names of its alternatives.
bool has_only_empty_alternatives(const dhall::VUnionType& type);

// Whether `type` is a record of the field sets Dhall's combined temporal
// literals desugar to (`{ date : Date, time : Time, timeZone : TimeZone }`,
// `{ date, time }`, `{ time, timeZone }`), which dhall-to-json writes as one
// RFC 3339 string (render/detail/temporal.h).
bool is_temporal_record_type(const dhall::VRecordType& type);

} // namespace polar::schema
