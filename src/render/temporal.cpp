#include "render/detail/temporal.h"

#include "syntax/literals.h"

namespace polar::render {
namespace {

std::string date_text(const dhall::VDate& date) {
  return dhall::date_literal(date.year, date.month, date.day);
}

std::string time_text(const dhall::VTime& time) {
  return dhall::time_literal(time.hour, time.minute, time.second_fraction, time.precision);
}

std::string time_zone_text(const dhall::VTimeZone& zone) {
  return dhall::time_zone_literal(zone.minutes);
}

// The field `name` of `fields` as a T, or null.
template <typename T>
const T* field_as(const dhall::LazyFieldMap& fields, std::string_view name) {
  auto found = fields.find(dhall::Label(name));
  return found == fields.end() ? nullptr : found->second.force()->template as<T>();
}

std::optional<std::string> record_text(const dhall::LazyFieldMap& fields) {
  bool has_date = fields.contains(dhall::Label("date"));
  bool has_zone = fields.contains(dhall::Label("timeZone"));
  bool has_time = fields.contains(dhall::Label("time"));
  // The field sets of the three combined literals: time and at least one of
  // the others, nothing else.
  std::size_t expected_size = 1 + (has_date ? 1 : 0) + (has_zone ? 1 : 0);
  if (!has_time || fields.size() != expected_size || expected_size < 2) {
    return std::nullopt;
  }
  const auto* time = field_as<dhall::VTime>(fields, "time");
  const auto* date = has_date ? field_as<dhall::VDate>(fields, "date") : nullptr;
  const auto* zone = has_zone ? field_as<dhall::VTimeZone>(fields, "timeZone") : nullptr;
  if (time == nullptr || (has_date && date == nullptr) || (has_zone && zone == nullptr)) {
    return std::nullopt;
  }
  return (date ? date_text(*date) + "T" : "") + time_text(*time) +
         (zone ? time_zone_text(*zone) : "");
}

} // namespace

std::optional<std::string> temporal_text(const dhall::Value& value) {
  if (const auto* date = value.as<dhall::VDate>()) {
    return date_text(*date);
  }
  if (const auto* time = value.as<dhall::VTime>()) {
    return time_text(*time);
  }
  if (const auto* zone = value.as<dhall::VTimeZone>()) {
    return time_zone_text(*zone);
  }
  if (const auto* record = value.as<dhall::VRecordLit>()) {
    return record_text(record->fields);
  }
  return std::nullopt;
}

} // namespace polar::render
