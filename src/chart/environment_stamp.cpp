#include "chart/environment_stamp.h"

#include <algorithm>
#include <optional>
#include <string_view>

#include "chart/files.h"
#include "imports/file_io.h"
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

std::optional<std::string> read_stamp(const fs::path& stamp) {
  try {
    return dhall::read_regular_file(stamp);
  } catch (const dhall::Error&) {
    return std::nullopt; // unreadable: replaced
  }
}

// Stamps are build outputs the build remakes: never flushed to disk (an
// fsync costs about 17 ms on the CI disk). One that a crash leaves empty or
// torn does not parse, and is rewritten so that its render runs again.

} // namespace

void record_environment_reads(const fs::path& stamp, const std::vector<std::string>& names,
                              StampValues values, const dhall::EnvironmentLookup& environment) {
  std::optional<std::string> current = read_stamp(stamp);
  if (names.empty() && (!current || current->empty())) {
    return;
  }
  std::string contents = format_stamp(names, values, environment);
  if (current != contents) {
    write_file_atomically(stamp, contents, dhall::Durability::unflushed);
  }
}

StampCheck check_environment_stamp(const fs::path& stamp,
                                   const dhall::EnvironmentLookup& environment) {
  std::optional<std::string> current = read_stamp(stamp);
  std::optional<ParsedStamp> parsed = current ? parse_stamp(*current) : std::nullopt;
  if (!parsed) {
    write_file_atomically(stamp, std::string(recorded_header), dhall::Durability::unflushed);
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
    write_file_atomically(stamp, *current, dhall::Durability::unflushed); // a new time
    return StampCheck::renewed;
  }
  write_file_atomically(stamp, expected, dhall::Durability::unflushed);
  return StampCheck::rewritten;
}

} // namespace polar::chart
