#pragma once
// The record of what polar-helm wrote into a folder it may share with files
// that are not its own (a generated chart, the committed copy): the only
// files it will ever update or remove there.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "support/file_io.h"

namespace polar::chart {

// The record's file name, at the top of the folder.
inline constexpr std::string_view written_files_name = ".polar-helm-files";

// The files the record of `folder` lists (relative paths, `/` separators,
// sorted), or nullopt when it has no record. Throws ChartError, naming the
// line, for an entry that is not a plain relative path inside the folder:
// an edited record must not make polar-helm touch files elsewhere.
std::optional<std::vector<std::string>> read_written_files(const std::filesystem::path& folder);

// Writes the record of `folder` (atomically), listing `files` sorted, unless
// it lists them already. `durability` is unflushed for a folder the build
// remakes (the generated chart, a staging folder), flushed for the committed
// copy.
void write_written_files(const std::filesystem::path& folder, std::vector<std::string> files,
                         dhall::Durability durability = dhall::Durability::flushed);

// Whether `file` (relative, `/` separators) is bookkeeping rather than
// content: the record itself, a temporary file (dhall::is_temporary_name) or
// a file in a temporary folder (the staged chart of `polar-helm chart`).
// Such files are never compared, copied or listed.
bool is_bookkeeping(std::string_view file);

// The regular files below `folder` other than bookkeeping (list_files).
std::vector<std::string> content_files(const std::filesystem::path& folder);

// Removes the temporary files below `folder` whose writer was killed before
// renaming them (dhall::is_abandoned_temporary); nothing else.
void remove_abandoned_temporaries(const std::filesystem::path& folder);

} // namespace polar::chart
