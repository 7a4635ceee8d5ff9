#pragma once
// Dhall errors raised while rendering a secret file, without the values they
// may quote. The type checker quotes expressions in its messages (an
// assertion shows both sides normalized), and once `env:TOKEN as Text` is
// resolved, its value is a Text literal like any other.
#include "syntax/source.h"

namespace polar::chart {

// `error` with every backquoted fragment of its message that holds a
// literal (a `"` or a digit: Text, Natural, Integer, Double) replaced by
// `<value hidden>`, and without the source line in its format(). Types
// (`Natural`, `List Text`), the position and the notes (the import chain)
// stay.
dhall::Error without_values(const dhall::Error& error);

} // namespace polar::chart
