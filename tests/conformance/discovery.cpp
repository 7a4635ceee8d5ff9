#include <algorithm>
#include <string_view>

#include "test_case.h"

namespace polar::conformance {
namespace fs = std::filesystem;
namespace {

// binary-decode inputs are CBOR; every other category's inputs are Dhall text.
std::string input_extension(const std::string& category) {
  return category == "binary-decode" ? ".dhallb" : ".dhall";
}

// What B file holds the expected result of a success test.
std::string expected_extension(const std::string& category) {
  if (category == "parser") {
    return ".dhallb";
  }
  if (category == "semantic-hash") {
    return ".hash";
  }
  return ".dhall";
}

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

std::string test_id(const fs::path& tests_dir, const fs::path& file, std::string_view extension) {
  std::string relative = fs::relative(file, tests_dir).generic_string();
  return relative.substr(0, relative.size() - extension.size());
}

} // namespace

const std::vector<std::string>& all_categories() {
  static const std::vector<std::string> categories = {
      "parser",         "binary-decode", "normalization", "alpha-normalization",
      "type-inference", "semantic-hash", "import"};
  return categories;
}

std::vector<TestCase> discover(const fs::path& tests_dir, const std::string& category) {
  std::vector<TestCase> cases;
  const std::string extension = input_extension(category);
  const std::string success_suffix = "A" + extension;

  auto success_dir = tests_dir / category / "success";
  if (fs::is_directory(success_dir)) {
    for (const auto& entry : fs::recursive_directory_iterator(success_dir)) {
      std::string name = entry.path().filename().string();
      if (!entry.is_regular_file() || !ends_with(name, success_suffix)) {
        continue;
      }
      std::string stem = name.substr(0, name.size() - success_suffix.size());
      auto expected = entry.path().parent_path() / (stem + "B" + expected_extension(category));
      cases.push_back({category, test_id(tests_dir, entry.path(), extension), Expectation::success,
                       entry.path(), expected});
    }
  }

  auto failure_dir = tests_dir / category / "failure";
  if (fs::is_directory(failure_dir)) {
    for (const auto& entry : fs::recursive_directory_iterator(failure_dir)) {
      std::string name = entry.path().filename().string();
      // fooENV.dhall files hold the environment of test foo, not a test.
      if (!entry.is_regular_file() || !ends_with(name, extension) || ends_with(name, "ENV.dhall")) {
        continue;
      }
      cases.push_back({category,
                       test_id(tests_dir, entry.path(), extension),
                       Expectation::failure,
                       entry.path(),
                       {}});
    }
  }

  std::sort(cases.begin(), cases.end(),
            [](const TestCase& a, const TestCase& b) { return a.id < b.id; });
  return cases;
}

} // namespace polar::conformance
