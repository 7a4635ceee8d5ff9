#pragma once
// One conformance test of the dhall-lang suite, found on disk.
#include <filesystem>
#include <string>
#include <vector>

namespace polar::conformance {

enum class Expectation { success, failure };

struct TestCase {
  std::string category;    // "parser", "type-inference", ...
  std::string id;          // path below tests/ without the A/B suffix: "parser/success/unit/BoolA"
  Expectation expectation; // from the success/ or failure/ folder
  std::filesystem::path input;    // A file (or the failure file)
  std::filesystem::path expected; // B file; empty for failures
};

// The categories in the order the suite documents them.
const std::vector<std::string>& all_categories();

// Every test of `category` under `tests_dir` (dhall-lang/tests), sorted by id.
std::vector<TestCase> discover(const std::filesystem::path& tests_dir, const std::string& category);

} // namespace polar::conformance
