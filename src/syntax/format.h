#pragma once
// `dhall format`: a Dhall file in the layout of dhall-haskell's pretty-printer
// (80 columns, its groups, leading commas, multi-line '' text, the header
// kept verbatim, a final newline), with every comment of the file kept where
// it was written. See docs/format.md for the layout and comment rules.
#include <string>

#include "syntax/source.h"
#include "syntax/source_notes.h"

namespace polar::dhall {

enum class CharacterSet : unsigned char {
  as_written, // Unicode if the file writes any of λ → ∀ ∧ ⫽ ⩓ ≡ so, else ASCII
  unicode,
  ascii, // `\`, `->`, `forall`, `/\`, `//`, `//\\`, `===`
};

struct FormatOptions {
  CharacterSet characters = CharacterSet::as_written;
  int width = 80;
};

// The formatted text of `source`, which `parsed` (parse_with_notes) was read
// from: the header (the comments before the expression) verbatim, the
// expression laid out, a newline.
std::string format_source(const SourcePtr& source, const NotedExpr& parsed,
                          const FormatOptions& options = {});

// parse_with_notes, then format_source. Throws Error(parse) as parse() does.
std::string format_source(const SourcePtr& source, const FormatOptions& options = {});

} // namespace polar::dhall
