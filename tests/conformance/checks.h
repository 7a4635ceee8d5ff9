#pragma once
// What each category of the suite asserts, as tests/README.md describes it.
#include <filesystem>

#include "imports/options.h"

#include "test_case.h"

namespace polar::conformance {

struct SuiteLayout {
  std::filesystem::path shared_dir;  // holds dhall-lang/; import bases are relative to it
  std::filesystem::path cache_dir;   // a scratch copy of tests/import/cache
  std::filesystem::path empty_dir;   // an empty cache, for tests that must not use one
  dhall::LoadOptions import_options; // its fetcher reaches the emulated hosts (test_hosts.h)
};

// Runs in the test's own process: sets up the environment the suite asks
// for, then throws std::runtime_error with the reason when the test fails.
// For a failure test that passes, returns the diagnostic it was rejected
// with, so a run with --verbose shows that it failed for the right reason.
std::string check(const TestCase& test, const SuiteLayout& layout);

} // namespace polar::conformance
