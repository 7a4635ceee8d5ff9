#pragma once
// The committed list of conformance tests that are not run, each with the
// reason. Format, one entry a line:
//
//   <glob on the test id>   # <reason>
//
// e.g. `import/success/unit/SimpleRemoteA   # needs HTTP: remote imports (issue #5)`.
// An entry without a reason is an error: every skip must be explained.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace polar::conformance {

class SkipList {
public:
  static SkipList load(const std::filesystem::path& file);

  // The reason `test_id` is skipped, if it is.
  std::optional<std::string> reason(const std::string& test_id) const;

private:
  struct Entry {
    std::string pattern;
    std::string reason;
  };
  std::vector<Entry> entries_;
};

} // namespace polar::conformance
