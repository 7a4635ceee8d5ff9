#include "schema/detail/temporal_text.h"

#include <algorithm>
#include <string>

#include "syntax/parser.h"
#include "syntax/source.h"

namespace polar::schema {

namespace {

// Whether `expr` is a literal of the builtin type `builtin`.
bool is_literal_of(const dhall::Expr& expr, dhall::Builtin builtin) {
  switch (builtin) {
  case dhall::Builtin::date:
    return expr.is<dhall::DateLit>();
  case dhall::Builtin::time:
    return expr.is<dhall::TimeLit>();
  case dhall::Builtin::time_zone:
    return expr.is<dhall::TimeZoneLit>();
  default:
    return false;
  }
}

// Whether `expr` has `type`, a builtin temporal type or a record of them.
bool fits(const dhall::Expr& expr, const dhall::Value& type) {
  if (const auto* builtin = type.as<dhall::VBuiltin>()) {
    return builtin->args.empty() && is_literal_of(expr, builtin->builtin);
  }
  const auto* record_type = type.as<dhall::VRecordType>();
  const auto* record = expr.as<dhall::RecordLit>();
  if (record_type == nullptr || record == nullptr ||
      record->fields.size() != record_type->fields.size()) {
    return false;
  }
  return std::all_of(record->fields.begin(), record->fields.end(), [&](const auto& field) {
    auto expected = record_type->fields.find(field.first);
    return expected != record_type->fields.end() && field.second &&
           fits(*field.second, *expected->second.force());
  });
}

// Only the characters of RFC 3339 dates and times: a scalar holding other
// Dhall code (`1 + 1`, an import) is never parsed.
bool looks_temporal(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= '0' && c <= '9') || c == '-' || c == ':' || c == '.' || c == '+' || c == 'T' ||
           c == 't' || c == 'Z' || c == 'z';
  });
}

} // namespace

dhall::ExprPtr temporal_literal(std::string_view text, const dhall::Value& type) {
  if (!looks_temporal(text)) {
    return nullptr;
  }
  dhall::ExprPtr parsed;
  try {
    parsed = dhall::parse_text(text, "(a YAML string)");
  } catch (const dhall::Error&) {
    return nullptr;
  }
  return parsed && fits(*parsed, type) ? parsed : nullptr;
}

} // namespace polar::schema
