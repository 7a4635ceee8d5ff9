#pragma once
// The Dhall parser: source text to the syntax tree of expr.h, for the full
// grammar of the Dhall standard (dhall.abnf, v23.1). Syntactic sugar is
// resolved while parsing as the standard prescribes: multi-line text becomes
// plain text, record puns, dotted fields and repeated fields become ordinary
// records and `∧`, and date/time/zone literals written together become a
// record. See docs/parser.md.
#include <string>
#include <string_view>

#include "syntax/expr.h"
#include "syntax/source.h"

namespace polar::dhall {

// Parses a whole Dhall file. Throws Error(ErrorKind::parse, ...) whose span
// points at the offending text, also for input nested too deeply to process.
ExprPtr parse(SourcePtr source);
ExprPtr parse_text(std::string_view text, std::string name = "(input)"); // convenience

} // namespace polar::dhall
