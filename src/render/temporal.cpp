#include "render/temporal.h"

#include <fmt/core.h>

namespace polar::render {
namespace {

std::string date_text(const dhall::VDate& date) {
  return fmt::format("{:04}-{:02}-{:02}", date.year, date.month, date.day);
}

std::string time_text(const dhall::VTime& time) {
  // second_fraction holds the seconds times 10^precision.
  std::string digits = time.second_fraction.to_string();
  std::size_t minimum_length = time.precision + 2;
  if (digits.size() < minimum_length) {
    digits.insert(0, minimum_length - digits.size(), '0');
  }
  std::size_t whole = digits.size() - time.precision;
  std::string_view all(digits);
  return time.precision == 0 ? fmt::format("{:02}:{:02}:{}", time.hour, time.minute, all)
                             : fmt::format("{:02}:{:02}:{}.{}", time.hour, time.minute,
                                           all.substr(0, whole), all.substr(whole));
}

std::string time_zone_text(const dhall::VTimeZone& zone) {
  int minutes = zone.minutes < 0 ? -zone.minutes : zone.minutes;
  return fmt::format("{}{:02}:{:02}", zone.minutes < 0 ? '-' : '+', minutes / 60, minutes % 60);
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
