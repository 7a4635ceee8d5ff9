#include "chart/environment_stamp.h"

#include <algorithm>
#include <optional>
#include <string_view>
#include <system_error>

#include "chart/files.h" // ChartError only
#include "support/file_io.h"
#include "support/path_list.h"
#include "syntax/source.h"

namespace polar::chart {
namespace fs = std::filesystem;
namespace {

// The first line says how the stamp was made; each variable follows on its
// own line: its name, then ` unset` or ` =` and its value; in a stamp that
// withholds values, ` unset` or nothing (set, value withheld). Names and values are written
// `<length>:<bytes>`, so that any of them, newlines included, reads back unambiguously.
constexpr std::string_view recorded_header = "polar-helm environment stamp: values\n";
constexpr std::string_view withheld_header = "polar-helm environment stamp: names\n";
// The file check_environment_stamps() writes when a stamp changed: its
// modification time is what counts.
constexpr std::string_view changes_contents = "polar-helm: an environment stamp changed\n";

void append_counted(std::string& out, std::string_view bytes) {
  out += std::to_string(bytes.size());
  out += ':';
  out += bytes;
}

// Reads `<length>:<bytes>` from the front of `text`.
std::optional<std::string_view> take_counted(std::string_view& text) {
  std::size_t colon = text.find(':');
  if (colon == 0 || colon == std::string_view::npos || colon > 9) {
    return std::nullopt;
  }
  std::size_t length = 0;
  for (char digit : text.substr(0, colon)) {
    if (digit < '0' || digit > '9') {
      return std::nullopt;
    }
    length = length * 10 + static_cast<std::size_t>(digit - '0');
  }
  text.remove_prefix(colon + 1);
  if (text.size() < length) {
    return std::nullopt;
  }
  std::string_view bytes = text.substr(0, length);
  text.remove_prefix(length);
  return bytes;
}

bool take(std::string_view& text, std::string_view expected) {
  if (!text.starts_with(expected)) {
    return false;
  }
  text.remove_prefix(expected.size());
  return true;
}

struct ParsedStamp {
  StampValues values = StampValues::recorded;
  std::vector<std::string> names;
};

// The names in a stamp this module wrote; nullopt for anything else.
std::optional<ParsedStamp> parse_stamp(std::string_view text) {
  ParsedStamp parsed;
  if (take(text, withheld_header)) {
    parsed.values = StampValues::withheld;
  } else if (!take(text, recorded_header)) {
    return std::nullopt;
  }
  while (!text.empty()) {
    std::optional<std::string_view> name = take_counted(text);
    if (!name) {
      return std::nullopt;
    }
    parsed.names.emplace_back(*name);
    bool line_read = parsed.values == StampValues::withheld
                         ? take(text, "\n") || take(text, " unset\n")
                         : take(text, " unset\n") ||
                               (take(text, " =") && take_counted(text) && take(text, "\n"));
    if (!line_read) {
      return std::nullopt;
    }
  }
  return parsed;
}

std::string format_stamp(const std::vector<std::string>& names, StampValues values,
                         const dhall::EnvironmentLookup& environment) {
  std::string stamp(values == StampValues::withheld ? withheld_header : recorded_header);
  for (const std::string& name : names) {
    append_counted(stamp, name);
    std::optional<std::string> value = environment(name);
    if (!value) {
      stamp += " unset";
    } else if (values == StampValues::recorded) {
      stamp += " =";
      append_counted(stamp, *value);
    }
    stamp += '\n';
  }
  return stamp;
}

// Writes a stamp. Stamps are build outputs the build remakes: never flushed
// to disk (an fsync costs 8-17 ms on the CI disk); one that a crash leaves
// empty or torn does not parse, and is rewritten so that its render runs
// again. Not through chart/files.cpp: the environment checker
// (tools/polar-helm-env-check) links this file without the chart module.
void write_stamp(const fs::path& stamp, std::string_view contents) {
  try {
    dhall::write_file_atomically(stamp, contents, dhall::Durability::unflushed);
  } catch (const dhall::Error& error) {
    throw ChartError(error.message());
  }
}

std::optional<std::string> read_stamp(const fs::path& stamp) {
  try {
    return dhall::read_regular_file(stamp);
  } catch (const dhall::Error&) {
    return std::nullopt; // unreadable: replaced
  }
}

// The stamps `list_file` names, one per line.
std::vector<fs::path> read_stamp_list(const fs::path& list_file) {
  std::optional<std::vector<fs::path>> stamps;
  try {
    stamps = dhall::read_path_list(list_file);
  } catch (const dhall::Error& error) {
    throw ChartError(error.message());
  }
  if (!stamps) {
    throw ChartError("cannot read " + list_file.string() + ": it does not exist");
  }
  return *stamps;
}

} // namespace

void record_environment_reads(const fs::path& stamp, const std::vector<std::string>& names,
                              StampValues values, const dhall::EnvironmentLookup& environment) {
  std::optional<std::string> current = read_stamp(stamp);
  if (names.empty() && (!current || current->empty())) {
    return;
  }
  std::string contents = format_stamp(names, values, environment);
  if (current != contents) {
    write_stamp(stamp, contents);
  }
}

StampCheck check_environment_stamp(const fs::path& stamp,
                                   const dhall::EnvironmentLookup& environment) {
  std::optional<std::string> current = read_stamp(stamp);
  std::optional<ParsedStamp> parsed = current ? parse_stamp(*current) : std::nullopt;
  if (!parsed) {
    write_stamp(stamp, recorded_header);
    return StampCheck::rewritten;
  }
  std::string expected = format_stamp(parsed->names, parsed->values, environment);
  if (expected == *current) {
    // Whether a secret's variables hold what they held is unknown: the
    // stamp has no values. Only when all are unset (the render took its
    // fallbacks) is it known that nothing changed.
    bool any_set = std::ranges::any_of(
        parsed->names, [&](const std::string& name) { return environment(name).has_value(); });
    if (parsed->values == StampValues::recorded || !any_set) {
      return StampCheck::unchanged;
    }
    write_stamp(stamp, *current); // a new modification time
    return StampCheck::renewed;
  }
  write_stamp(stamp, expected);
  return StampCheck::rewritten;
}

void check_environment_stamps(std::vector<fs::path> stamps, const fs::path& stamp_list,
                              const dhall::EnvironmentLookup& environment,
                              const fs::path& changes) {
  if (!stamp_list.empty()) {
    std::vector<fs::path> listed = read_stamp_list(stamp_list);
    stamps.insert(stamps.end(), listed.begin(), listed.end());
  }
  bool changed = false;
  for (const fs::path& stamp : stamps) {
    changed |= check_environment_stamp(stamp, environment) == StampCheck::rewritten;
  }
  std::error_code ignored;
  if (!changes.empty() && (changed || !fs::exists(changes, ignored))) {
    write_stamp(changes, changes_contents);
  }
}

} // namespace polar::chart
