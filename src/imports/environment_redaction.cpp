#include "imports/environment_redaction.h"

#include "imports/absent_import.h"
#include "imports/redact.h"

namespace polar::dhall {

void throw_without_environment_values(const Error& error, bool hide_source_line) {
  Error redacted = without_values(error, hide_source_line ? SourceLine::hidden : SourceLine::shown);
  if (dynamic_cast<const AbsentImport*>(&error) != nullptr) {
    AbsentImport absent(redacted.message(), redacted.span());
    for (const std::string& note : redacted.notes()) {
      absent.add_note(note);
    }
    if (hide_source_line) {
      absent.hide_source_line();
    }
    throw absent;
  }
  throw redacted;
}

} // namespace polar::dhall
