#pragma once
// A tar archive of regular files, written the same way every time: ustar
// headers (a pax header for a name that does not fit), one mtime, uid and gid
// 0, no user or group names, the modes given. Enough for chart packages and
// Flux artifacts, and nothing else (no folders, links or devices).
#include <cstdint>
#include <string>
#include <string_view>

namespace polar::release {

class TarWriter {
public:
  explicit TarWriter(std::int64_t mtime) : mtime_(mtime) {}

  // Appends a regular file. `name` uses `/` separators and is not empty.
  void add_file(std::string_view name, std::string_view contents, unsigned mode = 0644);

  // The archive with its end (two zero blocks); the writer is spent.
  std::string finish() &&;

private:
  void add_header(std::string_view name, std::string_view prefix, std::uint64_t size, unsigned mode,
                  char type);

  std::int64_t mtime_;
  std::string archive_;
};

// How a name is stored: in the ustar name field alone, split between the
// prefix and name fields at a `/`, or (too long for both) in a pax header.
struct UstarName {
  std::string prefix;
  std::string name;
  bool needs_pax = false;
};
UstarName split_ustar_name(std::string_view name);

// One pax extended-header record, "<length> <key>=<value>\n", where the
// length counts the whole record, its own digits included.
std::string pax_record(std::string_view key, std::string_view value);

} // namespace polar::release
