#include "chart/tree_sync.h"

#include <algorithm>
#include <system_error>

#include <fmt/core.h>

#include "chart/files.h"
#include "chart/glob.h"
#include "chart/secret_compare.h"
#include "chart/text_diff.h"
#include "secrets/identities.h"
#include "secrets/sops_detect.h"

namespace polar::chart {

namespace fs = std::filesystem;

namespace {

std::vector<std::string> included_files(const fs::path& root,
                                        const std::vector<std::string>& excludes) {
  std::vector<std::string> files = list_files(root);
  std::erase_if(files, [&](const std::string& file) {
    return std::any_of(excludes.begin(), excludes.end(),
                       [&](const std::string& glob) { return glob_matches(glob, file); });
  });
  return files;
}

// The environment's age identities, read when the first encrypted files
// differ in bytes.
class LazyIdentities {
public:
  const std::vector<secrets::AgeIdentity>& get() {
    if (!loaded_) {
      identities_ = secrets::identities_from_environment();
      loaded_ = true;
    }
    return identities_;
  }

private:
  bool loaded_ = false;
  std::vector<secrets::AgeIdentity> identities_;
};

} // namespace

TreeDifference compare_trees(const fs::path& generated, const fs::path& committed,
                             const std::vector<std::string>& excludes) {
  std::vector<std::string> generated_files = included_files(generated, excludes);
  std::vector<std::string> committed_files = included_files(committed, excludes);
  TreeDifference difference;
  std::set_difference(generated_files.begin(), generated_files.end(), committed_files.begin(),
                      committed_files.end(), std::back_inserter(difference.missing));
  std::set_difference(committed_files.begin(), committed_files.end(), generated_files.begin(),
                      generated_files.end(), std::back_inserter(difference.stale));
  std::vector<std::string> common;
  std::set_intersection(generated_files.begin(), generated_files.end(), committed_files.begin(),
                        committed_files.end(), std::back_inserter(common));
  LazyIdentities identities;
  for (const std::string& file : common) {
    std::string generated_text = read_file(generated / file);
    std::string committed_text = read_file(committed / file);
    if (generated_text == committed_text) {
      continue;
    }
    if (secrets::is_sops_file(generated_text) && secrets::is_sops_file(committed_text)) {
      SecretMatch match = compare_encrypted(generated_text, committed_text, identities.get());
      if (match == SecretMatch::same) {
        continue;
      }
      if (match == SecretMatch::same_structure) {
        difference.unverified.push_back(file);
        continue;
      }
    }
    difference.changed.push_back(file);
  }
  return difference;
}

void apply_difference(const fs::path& generated, const fs::path& committed,
                      const TreeDifference& difference) {
  for (const auto* files : {&difference.missing, &difference.changed}) {
    for (const std::string& file : *files) {
      write_file_atomically(committed / file, read_file(generated / file));
    }
  }
  for (const std::string& file : difference.stale) {
    std::error_code error;
    fs::remove(committed / file, error);
    if (error) {
      throw ChartError(
          fmt::format("cannot remove {}: {}", (committed / file).string(), error.message()));
    }
    remove_empty_folders(committed, (committed / file).parent_path());
  }
}

std::string describe_drift(const fs::path& generated, const fs::path& committed,
                           const TreeDifference& difference) {
  std::string report = fmt::format("{} differs from the chart the sources generate ({}):\n",
                                   committed.string(), generated.string());
  for (const std::string& file : difference.changed) {
    report += fmt::format("  changed: {}\n", file);
  }
  for (const std::string& file : difference.missing) {
    report += fmt::format("  missing: {} (generated, not committed)\n", file);
  }
  for (const std::string& file : difference.stale) {
    report += fmt::format("  stale:   {} (committed, no longer generated)\n", file);
  }
  auto diff_file = [&](const std::string& file, std::string_view before, std::string_view after) {
    report += '\n';
    report += unified_diff(before, after, "committed/" + file, "generated/" + file);
  };
  for (const std::string& file : difference.changed) {
    std::string before = read_file(committed / file);
    std::string after = read_file(generated / file);
    if (secrets::is_sops_file(before) && secrets::is_sops_file(after)) {
      std::string masked_before = masked_text(before, "committed/" + file);
      std::string masked_after = masked_text(after, "generated/" + file);
      if (masked_before == masked_after) {
        report += fmt::format("\n{}: encrypted; the decrypted values differ (not shown)\n", file);
      } else {
        report += fmt::format("\n{}: encrypted; its structure, values masked:\n", file);
        diff_file(file, masked_before, masked_after);
      }
      continue;
    }
    diff_file(file, before, after);
  }
  for (const std::string& file : difference.missing) {
    diff_file(file, "", read_file(generated / file));
  }
  for (const std::string& file : difference.stale) {
    diff_file(file, read_file(committed / file), "");
  }
  return report;
}

} // namespace polar::chart
