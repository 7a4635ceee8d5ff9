#pragma once
// What a YAML scalar means under the YAML 1.2 core schema, the reading of
// yaml-to-dhall: `null`, `~` and nothing are null; `true`/`false` (three
// spellings) booleans; `12`, `-3`, `0x1F`, `0o17` integers; `1.5`, `1e3`,
// `.inf`, `.nan` floats; every quoted or block scalar and anything else a
// string.
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "syntax/number.h"

namespace polar::schema {

enum class ScalarKind { null, boolean, integer, floating, string };

struct CoreScalar {
  CoreScalar() = default;
  explicit CoreScalar(ScalarKind of_kind, std::string written = {})
      : kind(of_kind), text(std::move(written)) {}

  ScalarKind kind = ScalarKind::string;
  bool boolean = false;
  dhall::Integer integer; // for integers
  double floating = 0;    // for integers and floats
  std::string text;       // as written
};

// `tag` is yaml-cpp's: "?" for a plain scalar, "!" for a quoted or block
// one, a core tag ("tag:yaml.org,2002:str") when one is written. Nullopt for
// a tag that does not fit the text (`!!int abc`) or one outside the core
// schema.
std::optional<CoreScalar> resolve_scalar(std::string_view tag, std::string_view text);

} // namespace polar::schema
