#include "imports/detail/request_headers.h"

#include <optional>
#include <string>
#include <utility>

#include "syntax/source.h"

namespace polar::dhall {
namespace {

using FieldNames = std::pair<std::string_view, std::string_view>;

bool is_text(const ExprPtr& expr) {
  const auto* builtin = expr ? expr->as<BuiltinRef>() : nullptr;
  return builtin != nullptr && builtin->builtin == Builtin::text;
}

// The (name, value) field names of the record type of the list elements,
// when `type` is one of the two accepted header list types.
std::optional<FieldNames> header_fields(const Expr& type) {
  const auto* app = type.as<App>();
  const auto* list = app ? app->fn->as<BuiltinRef>() : nullptr;
  const auto* record = app ? app->arg->as<RecordType>() : nullptr;
  if (list == nullptr || list->builtin != Builtin::list || record == nullptr ||
      record->fields.size() != 2) {
    return std::nullopt;
  }
  for (FieldNames names : {FieldNames{"mapKey", "mapValue"}, FieldNames{"header", "value"}}) {
    auto name = record->fields.find(Label(names.first));
    auto value = record->fields.find(Label(names.second));
    if (name != record->fields.end() && value != record->fields.end() && is_text(name->second) &&
        is_text(value->second)) {
      return names;
    }
  }
  return std::nullopt;
}

std::string plain_text(const ExprPtr& expr, const Span& site) {
  const auto* text = expr->as<TextLit>();
  if (text == nullptr || !text->chunks.empty()) {
    throw Error(ErrorKind::import, "the headers of an import must be literal Text", site);
  }
  return text->tail;
}

} // namespace

std::vector<HttpHeader> request_headers(const Expr& normal_form, const Expr& type,
                                        const Span& site) {
  auto names = header_fields(type);
  if (!names) {
    throw Error(ErrorKind::type,
                "the headers of an import must have type List { mapKey : Text, mapValue : Text } "
                "or List { header : Text, value : Text }",
                site);
  }
  std::vector<HttpHeader> headers;
  const auto* list = normal_form.as<ListLit>();
  if (list == nullptr) {
    throw Error(ErrorKind::import, "the headers of an import must be a list literal", site);
  }
  for (const auto& item : list->items) {
    const auto* record = item->as<RecordLit>();
    if (record == nullptr) {
      throw Error(ErrorKind::import, "the headers of an import must be record literals", site);
    }
    headers.emplace_back(plain_text(record->fields.at(Label(names->first)), site),
                         plain_text(record->fields.at(Label(names->second)), site));
  }
  return headers;
}

} // namespace polar::dhall
