#pragma once
// Environment stamps: how the build notices that a variable a render read
// has changed (docs/chart-module.md, "Environment variables").
//
// Each render in a build has a stamp file, an input of its Ninja edge. The
// render writes the names of the variables it looked up there; one check
// that runs on every build compares the stamp with the environment and
// rewrites it only when the render's result could differ, so Ninja re-runs
// exactly the renders whose variables changed. A plaintext render's stamp
// holds the values (they are in its output anyway); a secret render's stamp
// holds names only (and which are unset) and is renewed on every build
// while any of them is set, so the secret re-renders (and keeps its bytes
// when nothing changed) without a trace of its values in the build tree, not
// even a digest. A secret whose variables are all unset rendered the
// fallbacks of its source: it re-renders once one is set.
#include <filesystem>
#include <string>
#include <vector>

#include "imports/environment.h"

namespace polar::chart {

enum class StampValues {
  recorded, // a plaintext render: values kept, compared on every build
  withheld, // a secret render: names only, renewed on every build while set
};

// After a render that looked up `names` (sorted, each once): writes its
// stamp at `stamp` unless the stamp says so already (it then keeps its
// modification time), or the render read no variable and the stamp is
// missing or empty (a build that does not watch this file's environment
// stays as it was; one that gets the names reconfigures to watch it).
// Throws ChartError when it cannot write.
void record_environment_reads(const std::filesystem::path& stamp,
                              const std::vector<std::string>& names, StampValues values,
                              const dhall::EnvironmentLookup& environment);

enum class StampCheck {
  unchanged, // the render's variables are as it saw them
  rewritten, // a value changed, or the stamp is new: the render runs
  renewed,   // a secret render that read set variables: it runs on every build
};

// The check before the renders: brings `stamp` up to date with
// `environment`. A missing or unreadable stamp is written empty (its render
// has not run yet). Throws ChartError when it cannot write.
StampCheck check_environment_stamp(const std::filesystem::path& stamp,
                                   const dhall::EnvironmentLookup& environment);

// `polar-helm env-check` and tools/polar-helm-env-check: checks each of
// `stamps` and each stamp `stamp_list` names, one per line (unless empty;
// the module writes the list of a chart's watched stamps). With `changes`
// (unless empty), writes that file when a stamp was rewritten, or when it is
// missing, and leaves it alone otherwise (a renewed stamp is no change): the
// build's variables check depends on it, not on the stamps that renders
// write and secrets renew, so it runs again exactly when a variable read
// changed. Throws ChartError when the list cannot be read or a stamp or
// `changes` cannot be written.
void check_environment_stamps(std::vector<std::filesystem::path> stamps,
                              const std::filesystem::path& stamp_list,
                              const dhall::EnvironmentLookup& environment,
                              const std::filesystem::path& changes = {});

} // namespace polar::chart
