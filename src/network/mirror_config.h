#pragma once
// The mirror configuration file: one "PREFIX = TARGET" per line, '#' starts
// a comment (at the start of a line or after a space), blank lines are
// ignored; relative directory targets are relative to the file's folder.
// See docs/imports.md.
#include <filesystem>
#include <string_view>
#include <vector>

#include "network/detail/mirror_rule.h"

namespace polar::network {

// Parses the text of a configuration read from `file` (named in errors as
// "file:line: ..."). Throws MirrorError.
std::vector<MirrorRule> parse_mirror_config(std::string_view text,
                                            const std::filesystem::path& file);

// Reads and parses `file`. Throws MirrorError, also when it cannot be read.
std::vector<MirrorRule> read_mirror_config(const std::filesystem::path& file);

} // namespace polar::network
