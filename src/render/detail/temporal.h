#pragma once
// Date, Time and TimeZone values, and the records Dhall's temporal literals
// stand for, as the RFC 3339 text dhall-to-json writes for them.
#include <optional>
#include <string>

#include "semantics/value.h"

namespace polar::render {

// `value` as text, when it is temporal: a Date ("2020-01-01"), a Time
// ("01:02:03.50", the fraction digits as written), a TimeZone ("+01:00"),
// or a record of exactly one of the field sets the combined literals
// desugar to, with values of those types (dhall-json 1.7.8,
// dhall-haskell#2247):
//   { date : Date, time : Time, timeZone : TimeZone }  2020-01-01T00:00:00+01:00
//   { date : Date, time : Time }                       2020-01-01T00:00:00
//   { time : Time, timeZone : TimeZone }               00:00:00+01:00
// Any other record (`{ date, timeZone }`, an extra field) is not temporal.
// Forces the fields of such a record.
std::optional<std::string> temporal_text(const dhall::Value& value);

} // namespace polar::render
