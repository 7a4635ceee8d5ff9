#include "imports/detail/build_cache_collection.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <string>
#include <string_view>
#include <system_error>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>

#include "binary/hash.h"
#include "imports/detail/build_cache.h"
#include "support/file_io.h"
#include "syntax/source.h"

namespace polar::dhall {
namespace fs = std::filesystem;
namespace {

constexpr std::uint64_t block_size = 4096;
// The folder of the current format (build_cache.cpp), the kinds of entries
// in it, the pin records beside it, and the folders of formats no engine
// reads any more.
constexpr std::string_view current_format = "v4";
constexpr std::array<std::string_view, 5> kinds{"sources", "results", "types", "layouts",
                                                "bundles"};
constexpr std::string_view pins = "pins";
constexpr std::array<std::string_view, 3> old_formats{"v1", "v2", "v3"};
// Entries used this recently may be in use by a render running now.
constexpr auto recent_use = std::chrono::minutes(10);

// Entries are named by a key: 64 lowercase hex digits. Nothing else in the
// cache's folders is touched, but abandoned temporaries.
bool is_entry_name(std::string_view name) {
  return name.size() == 64 && std::ranges::all_of(name, [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

struct Entry {
  fs::path path;
  fs::file_time_type used;
  std::uint64_t bytes = 0;
  std::vector<std::size_t> needed_by; // the entries listing this one
};

struct Listing {
  std::vector<Entry> entries;
  std::vector<fs::path> abandoned; // temporaries of killed writers
};

// Adds the entries of `folder` to `listing`; a missing folder has none.
void list_folder(const fs::path& folder, Listing& listing) {
  std::error_code error;
  fs::directory_iterator file(folder, error);
  for (; !error && file != fs::directory_iterator(); file.increment(error)) {
    std::string name = file->path().filename().string();
    if (is_abandoned_temporary(name)) {
      listing.abandoned.push_back(file->path());
      continue;
    }
    std::error_code status_error;
    if (!is_entry_name(name) || !file->is_regular_file(status_error) || status_error) {
      continue;
    }
    auto size = file->file_size(status_error);
    auto used = file->last_write_time(status_error);
    if (!status_error) {
      listing.entries.push_back({file->path(), used, disk_bytes(size), {}});
    }
  }
}

bool remove_file(const fs::path& path) {
  std::error_code error;
  return fs::remove(path, error);
}

// Removes the entries of old formats and then their folders, when empty.
std::size_t remove_old_formats(const fs::path& directory) {
  std::size_t removed = 0;
  for (std::string_view format : old_formats) {
    fs::path root = directory / format;
    std::error_code error;
    std::vector<fs::path> folders;
    for (fs::directory_iterator kind(root, error); !error && kind != fs::directory_iterator();
         kind.increment(error)) {
      std::error_code status_error;
      if (kind->is_directory(status_error)) {
        folders.push_back(kind->path());
      }
    }
    for (const auto& folder : folders) {
      Listing listing;
      list_folder(folder, listing);
      for (const auto& entry : listing.entries) {
        removed += remove_file(entry.path) ? 1 : 0;
      }
      for (const auto& temporary : listing.abandoned) {
        removed += remove_file(temporary) ? 1 : 0;
      }
      fs::remove(folder, error); // fails unless empty: something else lives there
    }
    fs::remove(root, error);
  }
  return removed;
}

// Whether the entry was used since `since` by now, looking again: a render
// may have read it since the listing.
bool used_since(const fs::path& path, fs::file_time_type since) {
  std::error_code error;
  auto used = fs::last_write_time(path, error);
  return !error && used >= since;
}

// The same for the entry `first` or any entry that needs it.
bool used_since(const std::vector<Entry>& entries, std::size_t first, fs::file_time_type since) {
  std::vector<bool> seen(entries.size());
  std::vector<std::size_t> pending{first};
  seen[first] = true;
  while (!pending.empty()) {
    std::size_t i = pending.back();
    pending.pop_back();
    if (used_since(entries[i].path, since)) {
      return true;
    }
    for (std::size_t referrer : entries[i].needed_by) {
      if (!seen[referrer]) {
        seen[referrer] = true;
        pending.push_back(referrer);
      }
    }
  }
  return false;
}

// Records in each entry which entries need it, as results and types list
// them (build_cache.h).
void link_needs(std::vector<Entry>& entries, const fs::path& current) {
  std::unordered_map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    index.emplace(entries[i].path.string(), i);
  }
  for (std::size_t i = 0; i < entries.size(); ++i) {
    auto folder = entries[i].path.parent_path();
    if (folder != current / "results" && folder != current / "types") {
      continue;
    }
    for (const auto& need : needs_listed_in(entries[i].path)) {
      if (need.kind != BuildReference::Kind::result) {
        continue; // in the integrity cache, which is not collected
      }
      auto found = index.find((current / "results" / to_hex(need.key)).string());
      if (found != index.end() && found->second != i) {
        entries[found->second].needed_by.push_back(i);
      }
    }
  }
}

// When each entry was last used, itself or through an entry that needs it
// (a load marks the entry it reads, not those it needs), and how deep it
// lies below entries that need it, so that no entry goes before one that
// needs it: that one would then miss.
struct LastUses {
  std::vector<fs::file_time_type> used;
  std::vector<std::size_t> depth; // 0: needed by none
};
LastUses last_uses(const std::vector<Entry>& entries) {
  enum class State : std::uint8_t { unknown, visiting, known };
  std::vector<State> state(entries.size(), State::unknown);
  LastUses uses{std::vector<fs::file_time_type>(entries.size()),
                std::vector<std::size_t>(entries.size())};
  auto& used = uses.used;
  auto& depth = uses.depth;
  // Iterative: a chain of needs is as long as a chain of imports.
  for (std::size_t root = 0; root < entries.size(); ++root) {
    std::vector<std::pair<std::size_t, std::size_t>> stack{{root, 0}};
    while (!stack.empty()) {
      auto& [i, next] = stack.back();
      if (next == 0) {
        if (state[i] != State::unknown) {
          stack.pop_back();
          continue;
        }
        state[i] = State::visiting;
        used[i] = entries[i].used;
      }
      if (next < entries[i].needed_by.size()) {
        std::size_t referrer = entries[i].needed_by[next++];
        if (state[referrer] == State::unknown) {
          stack.emplace_back(referrer, 0);
        } else if (state[referrer] == State::known) {
          used[i] = std::max(used[i], used[referrer]);
          depth[i] = std::max(depth[i], depth[referrer] + 1);
        } // visiting: a cycle, which Merkle keys rule out; ignored
        continue;
      }
      state[i] = State::known;
      std::size_t done = i;
      stack.pop_back();
      if (!stack.empty()) {
        auto parent = stack.back().first;
        used[parent] = std::max(used[parent], used[done]);
        depth[parent] = std::max(depth[parent], depth[done] + 1);
      }
    }
  }
  return uses;
}

} // namespace

bool mark_used(const fs::path& path) {
  if (::utimensat(AT_FDCWD, path.c_str(), nullptr, 0) == 0) {
    return true;
  }
  if (errno == ENOENT || errno == ENOTDIR) {
    return false;
  }
  std::error_code error;
  return fs::is_regular_file(path, error);
}

std::uint64_t disk_bytes(std::uint64_t size) {
  return std::max<std::uint64_t>(1, (size + block_size - 1) / block_size) * block_size;
}

BuildCacheCollection collect_build_cache(const fs::path& directory, std::uint64_t max_bytes,
                                         fs::file_time_type keep_used_since) {
  BuildCacheCollection collection;
  collection.entries_removed = remove_old_formats(directory);
  Listing listing;
  for (std::string_view kind : kinds) {
    list_folder(directory / current_format / kind, listing);
  }
  list_folder(directory / pins, listing);
  for (const auto& temporary : listing.abandoned) {
    collection.entries_removed += remove_file(temporary) ? 1 : 0;
  }
  for (const auto& entry : listing.entries) {
    collection.bytes_before += entry.bytes;
  }
  collection.bytes_after = collection.bytes_before;
  if (collection.bytes_before <= max_bytes) {
    return collection;
  }
  std::uint64_t target = max_bytes / 4 * 3;
  auto& entries = listing.entries;
  link_needs(entries, directory / current_format);
  // Named references, not a structured binding: clang before 16 cannot
  // capture those in the lambda below.
  LastUses uses = last_uses(entries);
  const auto& used = uses.used;
  const auto& depth = uses.depth;
  std::vector<std::size_t> order(entries.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    order[i] = i;
  }
  // An entry needed by another was used no earlier, and goes after it.
  std::ranges::sort(order, [&](std::size_t a, std::size_t b) {
    return std::tie(used[a], depth[a]) < std::tie(used[b], depth[b]);
  });
  for (std::size_t i : order) {
    if (collection.bytes_after <= target || used[i] >= keep_used_since) {
      break; // the rest are newer
    }
    if (!used_since(entries, i, keep_used_since) && remove_file(entries[i].path)) {
      collection.bytes_after -= entries[i].bytes;
      ++collection.entries_removed;
    }
  }
  return collection;
}

void collect_build_cache_now_and_then(const fs::path& directory, std::uint64_t max_bytes,
                                      std::chrono::seconds interval, const WarningSink& warn) {
  fs::path stamp = directory / "last-collection";
  auto now = fs::file_time_type::clock::now();
  std::error_code error;
  auto last = fs::last_write_time(stamp, error);
  if (!error && last <= now && now - last < interval) {
    return;
  }
  // Claimed first, so that renders finishing together collect about once.
  try {
    write_file_atomically(stamp, std::string_view{}, Durability::unflushed);
  } catch (const Error& failure) {
    if (warn) {
      warn("cannot collect the build cache: " + failure.message());
    }
    return;
  }
  collect_build_cache(directory, max_bytes, now - recent_use);
}

} // namespace polar::dhall
