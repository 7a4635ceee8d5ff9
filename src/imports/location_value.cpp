#include "imports/detail/location_value.h"

namespace polar::dhall {
namespace {

ExprPtr location_type(const Span& span) {
  auto text = make_expr(BuiltinRef{Builtin::text}, span);
  return make_expr(UnionType{FieldMap{{Label("Local"), text},
                                      {Label("Remote"), text},
                                      {Label("Environment"), text},
                                      {Label("Missing"), nullptr}}},
                   span);
}

std::string_view alternative_of(const ImportTarget& target) {
  if (std::holds_alternative<LocalImport>(target)) {
    return "Local";
  }
  if (std::holds_alternative<RemoteImport>(target)) {
    return "Remote";
  }
  if (std::holds_alternative<EnvImport>(target)) {
    return "Environment";
  }
  return "Missing";
}

} // namespace

ExprPtr location_value(const ImportTarget& canonical_target, const Span& span) {
  auto constructor =
      make_expr(Field{location_type(span), Label(alternative_of(canonical_target))}, span);
  if (std::holds_alternative<MissingImport>(canonical_target)) {
    return constructor;
  }
  const auto* env = std::get_if<EnvImport>(&canonical_target);
  std::string text = env != nullptr ? env->name : location_text(canonical_target);
  return make_expr(App{constructor, make_expr(TextLit{{}, std::move(text)}, span)}, span);
}

} // namespace polar::dhall
