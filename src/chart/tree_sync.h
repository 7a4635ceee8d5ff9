#pragma once
// The committed copy of a generated chart (GitOps): how it differs from what
// the sources generate, bringing it up to date, and the drift report.
//
// The committed folder may hold files that are not the chart's (a
// CMakeLists.txt, a sibling chart, a kustomization.yaml): only the files its
// record lists (chart/written_files.h), which an earlier sync wrote, are ever
// updated or removed. The record is written by each sync.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace polar::chart {

// Paths relative to the chart directory, `/` separators, sorted.
struct TreeDifference {
  std::vector<std::string> missing; // generated, not committed
  std::vector<std::string> changed; // in both, with other contents
  std::vector<std::string> stale;   // written by a sync, no longer generated
  // Generated, and committed by someone else: a file of that name is there
  // that no sync wrote (not in the record). Overwritten only when adopting.
  std::vector<std::string> unowned;
  // The unowned files whose contents differ (as for `changed`): adopting
  // rewrites these, and keeps the others as they are.
  std::vector<std::string> unowned_changed;
  // Neither generated nor written by a sync: never touched, only named when
  // the folder has no record yet (a first sync into a folder in use).
  std::vector<std::string> foreign;
  // Encrypted on both sides with other bytes, found equal by their masked
  // structure only: no age identity to compare the values. Not a change.
  std::vector<std::string> unverified;
  // The committed folder has a record of the files a sync wrote there.
  bool recorded = false;
  // What the record lists after the sync: the generated files, and the
  // excluded files it listed before (still the sync's, left as they are).
  std::vector<std::string> record;

  bool empty() const {
    return missing.empty() && changed.empty() && stale.empty() && unowned.empty();
  }
};

// Compares the generated files of `generated` (those of its record when it
// has one, else its regular files; never bookkeeping files) with the
// committed copy, leaving out the paths that match one of `excludes` (see
// glob_matches) on either side. Encrypted (sops) files are compared by
// content (chart/detail/secret_compare.h), with the age identities of the
// environment when there are any.
TreeDifference compare_trees(const std::filesystem::path& generated,
                             const std::filesystem::path& committed,
                             const std::vector<std::string>& excludes);

// Why a sync must not write `committed` without adopting it, or nullopt:
// it holds files no sync wrote, either in place of generated ones (unowned)
// or at all when it has no record yet.
std::optional<std::string> refusal(const std::filesystem::path& committed,
                                   const TreeDifference& difference);

// Makes `committed` equal to `generated` as `difference` says: copies the
// missing and changed files (atomically, flushed to disk), removes the stale
// ones and the folders they leave empty, and writes the record. Files that
// did not change are not touched, nor are the files no sync wrote there
// (foreign), nor unowned ones unless `adopt`: throws ChartError with the
// refusal first. Removes abandoned temporary files of an interrupted sync.
void apply_difference(const std::filesystem::path& generated,
                      const std::filesystem::path& committed, const TreeDifference& difference,
                      bool adopt = false);

// What a reader needs to see the drift: which files, then a unified diff per
// file from the committed copy to the generated chart (of the masked
// structures for encrypted files: no ciphertext noise, no values).
std::string describe_drift(const std::filesystem::path& generated,
                           const std::filesystem::path& committed,
                           const TreeDifference& difference);

// What apply_difference would do, one line per file ("write", "update",
// "remove", "take over"), for a dry run.
std::string describe_plan(const TreeDifference& difference);

} // namespace polar::chart
