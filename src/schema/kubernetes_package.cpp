#include "schema/kubernetes_package.h"

#include <fmt/core.h>

#include "semantics/eval.h"

namespace polar::schema {

using dhall::Label;
using dhall::Value;
using dhall::ValuePtr;

namespace {

const dhall::LazyValue* find_field(const dhall::LazyFieldMap& fields, std::string_view name) {
  auto found = fields.find(Label(name));
  return found == fields.end() ? nullptr : &found->second;
}

// A Text literal without interpolation, also as `Some "..."`: a few schemas'
// defaults (PersistentVolumeClaim's in dhall-kubernetes 1.25) hold their
// apiVersion and kind as Optional Text.
std::optional<std::string> plain_text(ValuePtr value) {
  if (const auto* some = value ? value->as<dhall::VSome>() : nullptr) {
    value = some->value;
  }
  const auto* text = value ? value->as<dhall::VText>() : nullptr;
  return text && text->chunks.empty() ? std::optional(text->tail) : std::nullopt;
}

// A shallow description of a type, two levels deep: equal types have equal
// shapes, and the schemas of dhall-kubernetes rarely share one.
std::string shape(const Value& type, int depth) {
  if (const auto* builtin = type.as<dhall::VBuiltin>()) {
    std::string text(dhall::builtin_name(builtin->builtin));
    for (const ValuePtr& argument : builtin->args) {
      text += " (" + shape(*argument, depth) + ")";
    }
    return text;
  }
  if (const auto* record = type.as<dhall::VRecordType>()) {
    std::string text = "{";
    for (const auto& [label, field] : record->fields) {
      text += label.str();
      if (depth > 0) {
        text += ":" + shape(*field.force(), depth - 1);
      }
      text += ",";
    }
    return text + "}";
  }
  if (const auto* union_type = type.as<dhall::VUnionType>()) {
    std::string text = "<";
    for (const auto& [label, payload] : union_type->alternatives) {
      text += label.str() + "|";
    }
    return text + ">";
  }
  return "?";
}

} // namespace

struct KubernetesPackage::Index {
  struct Named {
    std::string name;
    ValuePtr type;
    ValuePtr defaults; // null for unions
  };
  std::multimap<std::string, Named> by_shape;
};

KubernetesPackage::KubernetesPackage(ValuePtr package, std::string name)
    : package_(std::move(package)), name_(std::move(name)) {
  const auto* record = package_->as<dhall::VRecordLit>();
  const dhall::LazyValue* resource = record ? find_field(record->fields, "Resource") : nullptr;
  const auto* resources = resource ? resource->force()->as<dhall::VUnionType>() : nullptr;
  if (resources == nullptr) {
    throw dhall::Error(dhall::ErrorKind::type,
                       "the Kubernetes package has no `Resource` union (its typesUnion): is it "
                       "dhall-kubernetes' package.dhall?");
  }
  for (const auto& [label, type] : resources->alternatives) {
    const dhall::LazyValue* schema = find_field(record->fields, label.view());
    const auto* members = schema ? schema->force()->as<dhall::VRecordLit>() : nullptr;
    const dhall::LazyValue* defaults = members ? find_field(members->fields, "default") : nullptr;
    const auto* values = defaults ? defaults->force()->as<dhall::VRecordLit>() : nullptr;
    if (values == nullptr || type == nullptr) {
      continue;
    }
    const dhall::LazyValue* api_version = find_field(values->fields, "apiVersion");
    const dhall::LazyValue* kind = find_field(values->fields, "kind");
    auto api_version_text = api_version ? plain_text(api_version->force()) : std::nullopt;
    auto kind_text = kind ? plain_text(kind->force()) : std::nullopt;
    if (api_version_text && kind_text) {
      kinds_.emplace(std::pair(*api_version_text, *kind_text), Kind{label.str(), type});
    }
  }
}

std::optional<KubernetesPackage::Kind> KubernetesPackage::select(std::string_view api_version,
                                                                 std::string_view kind) const {
  auto found = kinds_.find(std::pair(std::string(api_version), std::string(kind)));
  return found == kinds_.end() ? std::nullopt : std::optional(found->second);
}

std::vector<std::string> KubernetesPackage::api_versions_of(std::string_view kind) const {
  std::vector<std::string> versions;
  for (const auto& [key, value] : kinds_) {
    if (key.second == kind) {
      versions.push_back(key.first);
    }
  }
  return versions;
}

const KubernetesPackage::Index& KubernetesPackage::index() const {
  if (index_) {
    return *index_;
  }
  auto index = std::make_shared<Index>();
  for (const auto& [label, member] : package_->as<dhall::VRecordLit>()->fields) {
    if (label.view() == "Resource") {
      continue; // the union of every type: never a field's type
    }
    const ValuePtr& value = member.force();
    if (value->is<dhall::VUnionType>()) {
      index->by_shape.emplace(shape(*value, 2), Index::Named{label.str(), value, nullptr});
      continue;
    }
    const auto* schema = value->as<dhall::VRecordLit>();
    const dhall::LazyValue* type = schema ? find_field(schema->fields, "Type") : nullptr;
    const dhall::LazyValue* defaults = schema ? find_field(schema->fields, "default") : nullptr;
    if (schema && schema->fields.size() == 2 && type && defaults &&
        type->force()->is<dhall::VRecordType>()) {
      index->by_shape.emplace(shape(*type->force(), 2),
                              Index::Named{label.str(), type->force(), defaults->force()});
    }
  }
  index_ = std::move(index);
  return *index_;
}

std::optional<TypeNames::Schema> KubernetesPackage::schema_of(const ValuePtr& record_type) const {
  auto [begin, end] = index().by_shape.equal_range(shape(*record_type, 2));
  for (auto candidate = begin; candidate != end; ++candidate) {
    const Index::Named& named = candidate->second;
    if (named.defaults && dhall::conv(named.type, record_type)) {
      return Schema{member(named.name), named.defaults};
    }
  }
  return std::nullopt;
}

dhall::ExprPtr KubernetesPackage::name_of(const ValuePtr& type) const {
  if (!type->is<dhall::VRecordType>() && !type->is<dhall::VUnionType>()) {
    return nullptr;
  }
  auto [begin, end] = index().by_shape.equal_range(shape(*type, 2));
  for (auto candidate = begin; candidate != end; ++candidate) {
    const Index::Named& named = candidate->second;
    if (dhall::conv(named.type, type)) {
      dhall::ExprPtr reference = member(named.name);
      return named.defaults ? dhall::make_expr(dhall::Field{reference, Label("Type")}) : reference;
    }
  }
  return nullptr;
}

dhall::ExprPtr KubernetesPackage::member(std::string_view field) const {
  return dhall::make_expr(
      dhall::Field{dhall::make_expr(dhall::Var{Label(name_), 0}), Label(field)});
}

} // namespace polar::schema
