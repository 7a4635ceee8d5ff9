#include "imports/detail/environment_redaction.h"

#include "imports/redact.h"

namespace polar::dhall {

void throw_without_environment_values(const Error& error, bool hide_source_line) {
  throw without_values(error, hide_source_line ? SourceLine::hidden : SourceLine::shown);
}

} // namespace polar::dhall
