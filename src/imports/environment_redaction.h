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
// AbsentImport when it was one. The source line stays, unless it is the
// text of an `env:` import itself.
[[noreturn]] void throw_without_environment_values(const Error& error);

// `load(options)`, with the environment of `options` watched: when the load
// fails after reading a variable, its error is thrown without values; when
// it succeeds, the result's `read_environment` says whether it read one.
template <typename Load>
auto hiding_environment_values(const LoadOptions& options, Load&& load) {
  EnvironmentReads reads(options.environment ? options.environment : process_environment());
  LoadOptions watched = options;
  watched.environment = reads.watched();
  try {
    auto loaded = std::forward<Load>(load)(watched);
    loaded.read_environment = reads.any();
    return loaded;
  } catch (const Error& error) {
    if (!reads.any()) {
      throw;
    }
    throw_without_environment_values(error);
  }
}

} // namespace polar::dhall
