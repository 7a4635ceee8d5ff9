#pragma once
// YAML read into expected Dhall types with the semantics of yaml-to-dhall
// (dhall-json): a record from a mapping, with every field the type requires
// and no other; `Optional T` from null, a missing field or a T;
// `Prelude.Map Text T` from a mapping; a union from the first alternative
// the YAML fits, an empty alternative from its name; `Prelude.JSON.Type`
// from anything; Date, Time, TimeZone and their records from the RFC 3339
// strings dhall-to-json writes (temporal_text.h). Scalars mean what the YAML 1.2 core schema says
// (core_scalar.h): a quoted "3" is Text, a plain 3 is not. Errors name the
// YAML path and point at the line and column (docs/schema.md).
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "semantics/value.h"
#include "syntax/expr.h"
#include "syntax/source.h"

namespace polar::schema {

// How the importer writes types it knows by name, for readable Dhall: the
// schemas and unions of dhall-kubernetes (kubernetes_package.h).
class TypeNames {
public:
  virtual ~TypeNames() = default;
  // A record type that is the `Type` of a schema `{ Type, default }`: the
  // schema (`kubernetes.Deployment`), and its `default` record value.
  struct Schema {
    dhall::ExprPtr reference;
    dhall::ValuePtr defaults;
  };
  virtual std::optional<Schema> schema_of(const dhall::ValuePtr& record_type) const = 0;
  // A name for a type (`kubernetes.IntOrString`), or null.
  virtual dhall::ExprPtr name_of(const dhall::ValuePtr& type) const = 0;
};

// A YAML stream (one or more documents separated by `---`).
class YamlStream {
public:
  // Parses `file`. Throws dhall::Error(parse) at the position of a YAML
  // syntax error.
  explicit YamlStream(dhall::SourcePtr file);

  std::size_t size() const;
  // Whether document `index` is empty (a `---` with nothing after it).
  bool is_empty(std::size_t index) const;
  // The string value of `key` in document `index` when it is a mapping
  // that has one (`apiVersion`, `kind`).
  std::optional<std::string> top_level_string(std::size_t index, std::string_view key) const;
  // Where document `index` starts, for messages.
  dhall::Span document_span(std::size_t index) const;

  // Checks that document `index` is a value of `type` (a closed type
  // value). Throws dhall::Error(type) naming the path and pointing at the
  // offending node.
  void check(std::size_t index, const dhall::ValuePtr& type) const;
  // Document `index` as a Dhall expression of `type`, with the types
  // `names` knows written by name: record completion for schemas, fields
  // equal to the schema's default left out. Throws as check() does.
  dhall::ExprPtr to_dhall(std::size_t index, const dhall::ValuePtr& type,
                          const TypeNames& names) const;

private:
  struct Documents;
  std::shared_ptr<const Documents> documents_;
};

} // namespace polar::schema
