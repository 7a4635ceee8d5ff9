#pragma once
// dhall-kubernetes as `validate` and `import-yaml` see it: which type the
// `apiVersion` and `kind` of a document select (the alternatives of the
// package's `Resource`, its typesUnion, whose schemas' defaults carry both),
// and the names of its schemas and unions, so that imported YAML reads as
// `kubernetes.Deployment::{ ... }` (docs/schema.md).
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "schema/yaml_reading.h"
#include "semantics/value.h"
#include "syntax/expr.h"

namespace polar::schema {

class KubernetesPackage : public TypeNames {
public:
  // `package` is the value of dhall-kubernetes' package.dhall; generated
  // Dhall refers to it as the variable `name`. Throws dhall::Error(type)
  // when it has no `Resource` union.
  KubernetesPackage(dhall::ValuePtr package, std::string name);

  struct Kind {
    std::string name; // the schema and alternative: "Deployment"
    dhall::ValuePtr type;
  };
  // The kind `apiVersion`/`kind` select; nullopt for one the package lacks.
  std::optional<Kind> select(std::string_view api_version, std::string_view kind) const;
  // The apiVersions the package knows `kind` in, for messages.
  std::vector<std::string> api_versions_of(std::string_view kind) const;

  std::optional<Schema> schema_of(const dhall::ValuePtr& record_type) const override;
  dhall::ExprPtr name_of(const dhall::ValuePtr& type) const override;

  // `kubernetes.<field>`.
  dhall::ExprPtr member(std::string_view field) const;

private:
  struct Index;
  const Index& index() const;

  dhall::ValuePtr package_;
  std::string name_;
  std::map<std::pair<std::string, std::string>, Kind> kinds_; // by apiVersion, kind
  mutable std::shared_ptr<Index> index_;                      // built on first use
};

} // namespace polar::schema
