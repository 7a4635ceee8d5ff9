#include "imports/detail/build_cache_collection.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>

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
constexpr std::array<std::string_view, 4> kinds{"sources", "results", "types", "layouts"};
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
      listing.entries.push_back({file->path(), used, disk_bytes(size)});
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
  std::ranges::sort(listing.entries, {}, &Entry::used);
  for (const auto& entry : listing.entries) {
    if (collection.bytes_after <= target || entry.used >= keep_used_since) {
      break; // the rest are newer
    }
    if (!used_since(entry.path, keep_used_since) && remove_file(entry.path)) {
      collection.bytes_after -= entry.bytes;
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
