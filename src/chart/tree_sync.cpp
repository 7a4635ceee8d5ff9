#include "chart/tree_sync.h"

#include <algorithm>
#include <iterator>
#include <system_error>

#include <fmt/core.h>

#include "chart/detail/secret_compare.h"
#include "chart/detail/text_diff.h"
#include "chart/files.h"
#include "chart/glob.h"
#include "chart/written_files.h"
#include "secrets/identities.h"
#include "secrets/sops_detect.h"

namespace polar::chart {

namespace fs = std::filesystem;

namespace {

bool is_excluded(const std::string& file, const std::vector<std::string>& excludes) {
  return std::any_of(excludes.begin(), excludes.end(),
                     [&](const std::string& glob) { return glob_matches(glob, file); });
}

std::vector<std::string> without_excluded(std::vector<std::string> files,
                                          const std::vector<std::string>& excludes) {
  std::erase_if(files, [&](const std::string& file) { return is_excluded(file, excludes); });
  return files;
}

// The files `generated` holds as its content: those its record lists and
// that exist, or all its regular files when it has no record.
std::vector<std::string> generated_files(const fs::path& generated) {
  std::vector<std::string> present = content_files(generated);
  std::optional<std::vector<std::string>> recorded = read_written_files(generated);
  if (!recorded) {
    return present;
  }
  std::vector<std::string> files;
  std::set_intersection(recorded->begin(), recorded->end(), present.begin(), present.end(),
                        std::back_inserter(files));
  return files;
}

std::vector<std::string> minus(const std::vector<std::string>& left,
                               const std::vector<std::string>& right) {
  std::vector<std::string> result;
  std::set_difference(left.begin(), left.end(), right.begin(), right.end(),
                      std::back_inserter(result));
  return result;
}

std::vector<std::string> common(const std::vector<std::string>& left,
                                const std::vector<std::string>& right) {
  std::vector<std::string> result;
  std::set_intersection(left.begin(), left.end(), right.begin(), right.end(),
                        std::back_inserter(result));
  return result;
}

// `files` joined by ", ", the first `shown` of them and how many more.
std::string some_of(const std::vector<std::string>& files, std::size_t shown = 10) {
  std::string text;
  for (std::size_t index = 0; index < files.size() && index < shown; ++index) {
    text += (index == 0 ? "" : ", ") + files[index];
  }
  if (files.size() > shown) {
    text += fmt::format(" and {} more", files.size() - shown);
  }
  return text;
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

enum class FileMatch { same, same_structure, different };

// Whether two files hold the same: equal bytes, or encrypted (sops) files
// with equal contents, or equal masked structures when no identity opens them.
FileMatch compare_file(const fs::path& generated, const fs::path& committed,
                       LazyIdentities& identities) {
  std::string generated_text = read_file(generated);
  std::string committed_text = read_file(committed);
  if (generated_text == committed_text) {
    return FileMatch::same;
  }
  if (secrets::is_sops_file(generated_text) && secrets::is_sops_file(committed_text)) {
    SecretMatch match = compare_encrypted(generated_text, committed_text, identities.get());
    if (match == SecretMatch::same) {
      return FileMatch::same;
    }
    if (match == SecretMatch::same_structure) {
      return FileMatch::same_structure;
    }
  }
  return FileMatch::different;
}

} // namespace

TreeDifference compare_trees(const fs::path& generated, const fs::path& committed,
                             const std::vector<std::string>& excludes) {
  std::vector<std::string> generated_files =
      without_excluded(chart::generated_files(generated), excludes);
  std::vector<std::string> present = without_excluded(content_files(committed), excludes);
  std::optional<std::vector<std::string>> recorded = read_written_files(committed);
  std::vector<std::string> written = recorded ? *recorded : std::vector<std::string>{};
  std::vector<std::string> written_included = without_excluded(written, excludes);

  TreeDifference difference;
  difference.recorded = recorded.has_value();
  difference.missing = minus(generated_files, present);
  difference.stale = minus(written_included, generated_files);
  difference.foreign = minus(minus(present, generated_files), written);
  std::vector<std::string> in_both = common(generated_files, present);
  difference.unowned = minus(in_both, written);
  // The excluded files a sync wrote stay its own.
  std::vector<std::string> kept_excluded =
      minus(common(written, list_files(committed)), written_included);
  std::set_union(generated_files.begin(), generated_files.end(), kept_excluded.begin(),
                 kept_excluded.end(), std::back_inserter(difference.record));

  LazyIdentities identities;
  for (const std::string& file : in_both) {
    bool ours = std::binary_search(written.begin(), written.end(), file);
    switch (compare_file(generated / file, committed / file, identities)) {
    case FileMatch::same:
      break;
    case FileMatch::same_structure:
      if (ours) {
        difference.unverified.push_back(file);
      }
      break;
    case FileMatch::different:
      (ours ? difference.changed : difference.unowned_changed).push_back(file);
      break;
    }
  }
  return difference;
}

std::optional<std::string> refusal(const fs::path& committed, const TreeDifference& difference) {
  std::string removals =
      difference.stale.empty()
          ? std::string()
          : fmt::format(" (it would remove the files an earlier sync wrote there and that are no "
                        "longer generated: {})",
                        some_of(difference.stale));
  if (!difference.recorded && !(difference.unowned.empty() && difference.foreign.empty())) {
    std::vector<std::string> theirs;
    std::set_union(difference.unowned.begin(), difference.unowned.end(), difference.foreign.begin(),
                   difference.foreign.end(), std::back_inserter(theirs));
    return fmt::format(
        "{} holds files polar-helm did not write ({}) and no {} naming the files an earlier sync "
        "wrote: refusing to write into it. Pass --adopt (CMake: SYNC_ADOPT, or "
        "POLAR_HELM_SYNC_ADOPT=1 for one build) to write the chart there{}, leaving the other "
        "files alone",
        committed.string(), some_of(theirs), written_files_name,
        difference.unowned.empty()
            ? std::string()
            : fmt::format(" and take over the files it generates under the same names ({})",
                          some_of(difference.unowned)));
  }
  if (!difference.unowned.empty()) {
    return fmt::format("{} holds files no sync wrote (not in its {}) where the chart generates "
                       "files: {}. Refusing to overwrite them; pass --adopt (CMake: SYNC_ADOPT, "
                       "or POLAR_HELM_SYNC_ADOPT=1 for one build) to take them over{}",
                       committed.string(), written_files_name, some_of(difference.unowned),
                       removals);
  }
  return std::nullopt;
}

void apply_difference(const fs::path& generated, const fs::path& committed,
                      const TreeDifference& difference, bool adopt) {
  if (!adopt) {
    if (std::optional<std::string> reason = refusal(committed, difference)) {
      throw ChartError(*reason);
    }
  }
  remove_abandoned_temporaries(committed);
  for (const auto* files :
       {&difference.missing, &difference.changed, &difference.unowned_changed}) {
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
  std::optional<std::vector<std::string>> recorded = read_written_files(committed);
  if (!recorded || *recorded != difference.record) {
    write_written_files(committed, difference.record);
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
    report += fmt::format("  stale:   {} (written by a sync, no longer generated)\n", file);
  }
  if (!difference.recorded && !(difference.unowned.empty() && difference.foreign.empty())) {
    report += fmt::format(
        "  no {}: polar-helm wrote none of the files there, such as {}; the "
        "first sync needs --adopt (CMake: POLAR_HELM_SYNC_ADOPT=1 for one "
        "build)\n",
        written_files_name,
        some_of(difference.unowned.empty() ? difference.foreign : difference.unowned, 3));
  } else {
    for (const std::string& file : difference.unowned) {
      report += fmt::format("  unowned: {} (generated, but the committed file is not one a sync "
                            "wrote: not in {})\n",
                            file, written_files_name);
    }
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
    std::error_code error;
    if (fs::exists(committed / file, error)) {
      diff_file(file, read_file(committed / file), "");
    }
  }
  return report;
}

std::string describe_plan(const TreeDifference& difference) {
  std::string plan;
  auto add = [&](std::string_view action, const std::vector<std::string>& files) {
    for (const std::string& file : files) {
      plan += fmt::format("  {}: {}\n", action, file);
    }
  };
  add("write", difference.missing);
  add("update", difference.changed);
  add("take over", difference.unowned);
  add("remove", difference.stale);
  return plan;
}

} // namespace polar::chart
