#include "imports/environment_redaction.h"

#include "imports/absent_import.h"
#include "imports/redact.h"

namespace polar::dhall {

void throw_without_environment_values(const Error& error) {
  // The resolver names the source of `env:NAME` "env:NAME": its text is the value.
  const Span& span = error.span();
  bool in_value = span.known() && span.file->name.starts_with("env:");
  Error redacted = without_values(error, in_value ? SourceLine::hidden : SourceLine::shown);
  if (dynamic_cast<const AbsentImport*>(&error) != nullptr) {
    AbsentImport absent(redacted.message(), redacted.span());
    for (const std::string& note : redacted.notes()) {
      absent.add_note(note);
    }
    if (in_value) {
      absent.hide_source_line();
    }
    throw absent;
  }
  throw redacted;
}

} // namespace polar::dhall
