#include "schema/detail/type_shapes.h"

#include <algorithm>

namespace polar::schema {

using dhall::Label;
using dhall::Value;

std::optional<MapEntryType> map_entry_type(const Value& element) {
  const auto* record = element.as<dhall::VRecordType>();
  if (record == nullptr || record->fields.size() != 2) {
    return std::nullopt;
  }
  auto key = record->fields.find(Label("mapKey"));
  auto value = record->fields.find(Label("mapValue"));
  if (key == record->fields.end() || value == record->fields.end()) {
    return std::nullopt;
  }
  return MapEntryType{key->second.force(), value->second.force()};
}

bool is_json_type(const Value& type) {
  const auto* outer = type.as<dhall::VPi>();
  const auto* universe = outer ? outer->domain->as<dhall::VConst>() : nullptr;
  if (universe == nullptr || universe->value != dhall::Const::type) {
    return false;
  }
  dhall::ValuePtr json = dhall::make_var(outer->codomain.param(), 0);
  dhall::ValuePtr inner_value = outer->codomain.apply(json);
  const auto* inner = inner_value->as<dhall::VPi>();
  const auto* handlers = inner ? inner->domain->as<dhall::VRecordType>() : nullptr;
  if (handlers == nullptr) {
    return false;
  }
  for (const char* name : {"array", "bool", "null", "object", "string"}) {
    if (!handlers->fields.contains(Label(name))) {
      return false;
    }
  }
  dhall::ValuePtr result = inner->codomain.apply(dhall::make_var(inner->codomain.param(), 1));
  const auto* variable = result->as<dhall::VVar>();
  return variable != nullptr && variable->level == 0;
}

bool has_only_empty_alternatives(const dhall::VUnionType& type) {
  return std::all_of(type.alternatives.begin(), type.alternatives.end(),
                     [](const auto& alternative) { return alternative.second == nullptr; });
}

bool is_temporal_record_type(const dhall::VRecordType& type) {
  auto has = [&](const char* name, dhall::Builtin builtin) {
    auto found = type.fields.find(Label(name));
    return found != type.fields.end() && dhall::is_builtin_type(*found->second.force(), builtin);
  };
  bool date = has("date", dhall::Builtin::date);
  bool time = has("time", dhall::Builtin::time);
  bool zone = has("timeZone", dhall::Builtin::time_zone);
  std::size_t fields = type.fields.size();
  return time && ((date && zone && fields == 3) || ((date || zone) && fields == 2));
}

} // namespace polar::schema
