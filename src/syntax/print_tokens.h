#pragma once
// How the printer spells single tokens: labels (quoted when the grammar
// requires it), multi-line text literals, bytes and import locations. The
// other literals are spelled by syntax/literals.h; the layout of whole
// expressions is in printer.cpp.
#include <string>
#include <string_view>

#include "syntax/expr.h"

namespace polar::dhall::printing {

// A bound or referenced variable name: quoted unless it is a simple label
// that is neither a keyword nor a builtin name.
std::string variable_label(Label label);
// A record field, union alternative, projected or `with` label, where
// builtin names and `Some` need no quotes.
std::string field_label(Label label);

// Whether `text` can be written as a multi-line ('' … '') literal that
// parses back to exactly the same chunks; see multiline.md.
bool fits_multiline(const TextLit& text);
// One segment of a multi-line literal, escaped (`''${`, `'''`).
std::string escape_multiline(std::string_view text);

std::string bytes_literal(const BytesLit& bytes);

// The import without its `using` headers: location, then hash and mode.
std::string import_location(const Import& import);
std::string import_suffix(const Import& import); // " sha256:…" and " as …"

} // namespace polar::dhall::printing
