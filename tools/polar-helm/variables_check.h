#pragma once
// The chart's required-variables check as a failing render runs it
// (docs/chart-module.md, "Required variables"): a render that fails after an
// edit reports every variable the chart's sources read on every load and
// that is not set, all at once, as the check before the renders would have.
#include <filesystem>
#include <string>

#include "imports/environment.h"

namespace polar::cli {

// The message naming each variable (or chain of `?` alternatives) that a
// file `list` names, one per line, or a local file it imports as code, reads
// on every load and `environment` does not set; empty when there is none.
// Names and file:line:column only, never a value. Throws dhall::Error when
// the list or a file cannot be read or parsed.
std::string missing_variables_message(const std::filesystem::path& list,
                                      const dhall::EnvironmentLookup& environment);

} // namespace polar::cli
