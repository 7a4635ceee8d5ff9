#pragma once
// Strings as YAML scalars that mean exactly that string to every reader.
//
// Helm and Kubernetes read YAML with YAML 1.1 rules, where `yes`, `on`, `y`,
// `~`, `012`, `0x1F`, `1_000`, `2001-12-14` and the like are not strings;
// YAML 1.2 readers differ in other corners. A string is written plain only
// when it cannot be read as anything else under either version, otherwise
// quoted. The style follows dhall-to-yaml (aeson-yaml) wherever that is safe;
// see docs/rendering.md.
#include <cstddef>
#include <string>
#include <string_view>

namespace polar::render {

struct ScalarPlacement {
  bool is_key = false;               // keys are never block scalars
  bool document_level = false;       // the whole document is this one scalar
  std::size_t block_indentation = 2; // columns of a literal block's lines
  bool always_quote = false;         // --quoted: no plain scalars at all
};

// Appends `text` as a YAML scalar: plain when safe; single-quoted when it
// reads as a number, date, boolean or null; a literal block (`|`, `|-`,
// `|+`) for multi-line values; double-quoted with escapes otherwise.
void append_yaml_string(std::string& out, std::string_view text, const ScalarPlacement& placement);

} // namespace polar::render
