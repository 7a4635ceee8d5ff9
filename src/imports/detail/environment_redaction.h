#pragma once
// Loads that read an environment variable fail without its value. A type
// error can quote any literal of the resolved expression, and the value of
// `env:TOKEN as Text` is one, so once a variable was read, every literal in
// the error is hidden (docs/secrets.md, "Errors").
#include <utility>

#include "imports/environment.h"
#include "imports/options.h"
#include "syntax/source.h"

namespace polar::dhall {

// Throws `error` without the literals it quotes (imports/redact.h), still an
// absent import when it was one, and without the source line when
// `hide_source_line` (the line is the text of an `env:` import or of a
// secret file).
[[noreturn]] void throw_without_environment_values(const Error& error, bool hide_source_line);

// `load(options)`, with the environment and the secret-file predicate of
// `options` watched: when the load fails after reading a variable or a
// secret file, its error is thrown without values; when it succeeds, the
// result's `read_sensitive_values` says whether it read one and
// `environment_variables` which it looked up.
template <typename Load>
auto hiding_environment_values(const LoadOptions& options, Load&& load) {
  EnvironmentReads reads(options.environment ? options.environment : process_environment());
  SecretFilePredicate is_secret =
      options.is_secret_file ? options.is_secret_file : has_secret_file_name;
  LoadOptions watched = options;
  watched.environment = reads.watched();
  watched.is_secret_file = reads.watching(is_secret);
  try {
    auto loaded = std::forward<Load>(load)(watched);
    loaded.read_sensitive_values = reads.any();
    loaded.environment_variables = reads.names();
    return loaded;
  } catch (const Error& error) {
    if (!reads.any()) {
      throw;
    }
    // The resolver names the source of `env:NAME` "env:NAME": its text is the value.
    const Span& span = error.span();
    bool in_value = span.known() && (span.file->name.starts_with("env:") ||
                                     is_secret(std::filesystem::path(span.file->name)));
    throw_without_environment_values(error, in_value);
  }
}

} // namespace polar::dhall
