#pragma once
// Errors without the values they may quote. The type checker quotes
// expressions in its messages (an assertion shows both sides normalized),
// and once `env:TOKEN as Text` or a secret file is resolved, its values are
// literals like any other, so a message can carry them.
#include <cstdint>

#include "syntax/source.h"

namespace polar::dhall {

// Whether a redacted error still prints the line of source it points at.
// That line is the text of a file: hide it when the file itself is secret.
// `shown` keeps the line as the error had it: a line hidden stays hidden.
enum class SourceLine : std::uint8_t { shown, hidden };

// `error` with every backquoted fragment of its message and of its notes
// that holds a literal (a `"` or a digit: Text, Natural, Integer, Double)
// replaced by `<value hidden>`. Types (`Natural`, `List Text`), the kind,
// whether it is an absent import, the position and the import chain stay.
Error without_values(const Error& error, SourceLine line = SourceLine::hidden);

} // namespace polar::dhall
