#pragma once
// Date, Time and TimeZone read back from the RFC 3339 text dhall-to-json
// writes for them (render/detail/temporal.h), as yaml-to-dhall reads a string into
// those types: `2020-01-01` a Date, `12:30:00` (with a fraction) a Time,
// `+01:00` (or `Z`) a TimeZone, and the combined forms the records of
// temporal literals (`{ date, time, timeZone }` from
// `2020-01-01T12:30:00+01:00`, `{ date, time }`, `{ time, timeZone }`).
// The text is read with Dhall's own grammar for these literals, so it
// accepts what Dhall source accepts and nothing else.
#include <string_view>

#include "semantics/value.h"
#include "syntax/expr.h"

namespace polar::schema {

// `text` as a literal of `type` (Date, Time, TimeZone or a temporal record
// type, type_shapes.h), or null when it is not one: another form, or no
// temporal literal at all.
dhall::ExprPtr temporal_literal(std::string_view text, const dhall::Value& type);

} // namespace polar::schema
