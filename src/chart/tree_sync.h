#pragma once
// The committed copy of a generated chart (GitOps): how it differs from what
// the sources generate, bringing it up to date, and the drift report.
#include <filesystem>
#include <string>
#include <vector>

namespace polar::chart {

// Paths relative to the chart directory, `/` separators, sorted.
struct TreeDifference {
  std::vector<std::string> missing; // generated, not committed
  std::vector<std::string> changed; // in both, with other contents
  std::vector<std::string> stale;   // committed, no longer generated
  // Encrypted on both sides with other bytes, found equal by their masked
  // structure only: no age identity to compare the values. Not a change.
  std::vector<std::string> unverified;

  bool empty() const { return missing.empty() && changed.empty() && stale.empty(); }
};

// Compares the regular files of `generated` and `committed`, leaving out the
// paths that match one of `excludes` (see glob_matches) on either side.
// Encrypted (sops) files are compared by content (chart/secret_compare.h),
// with the age identities of the environment when there are any.
TreeDifference compare_trees(const std::filesystem::path& generated,
                             const std::filesystem::path& committed,
                             const std::vector<std::string>& excludes);

// Makes `committed` equal to `generated` as `difference` says: copies the
// missing and changed files (atomically), removes the stale ones and the
// folders they leave empty. Files that did not change are not touched.
void apply_difference(const std::filesystem::path& generated,
                      const std::filesystem::path& committed, const TreeDifference& difference);

// What a reader needs to see the drift: which files, then a unified diff per
// file from the committed copy to the generated chart (of the masked
// structures for encrypted files: no ciphertext noise, no values).
std::string describe_drift(const std::filesystem::path& generated,
                           const std::filesystem::path& committed,
                           const TreeDifference& difference);

} // namespace polar::chart
