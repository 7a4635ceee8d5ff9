#pragma once
// Where an import points, and the pure path arithmetic of standard/imports.md:
// chaining a child import onto its parent, canonicalization, the text of
// `as Location`, and the referential sanity check. Nothing here touches the
// filesystem.
#include <filesystem>
#include <string>
#include <variant>

#include "syntax/expr.h"

namespace polar::dhall {

// The target of an import without its mode and hash: `missing`, a file, a
// URL or an environment variable.
using ImportTarget = std::variant<MissingImport, LocalImport, RemoteImport, EnvImport>;

// `parent </> child` (section "Chaining imports"): a relative child is
// resolved against its parent; any other child stands on its own. A relative
// child of a remote parent inherits the parent's `using` headers.
ImportTarget chain(const ImportTarget& parent, const ImportTarget& child);

// Removes "." path components and folds "dir/.." pairs (section
// "Canonicalization of imports"). A ".." with nothing left to remove stays.
ImportTarget canonicalize(ImportTarget target);

// The import of `file` in `directory`, as a user would have written it: a
// relative directory stays relative ("./a/b.dhall", "../b.dhall"), an
// absolute one stays absolute. Used for the root of a resolution.
LocalImport local_import_in_directory(const std::filesystem::path& directory, std::string file);
// The import a file path names: local_import_in_directory(parent, name).
LocalImport local_import_from_path(const std::filesystem::path& path);

// The text `as Location` yields and diagnostics show: "./a/b.dhall",
// "/etc/x.dhall", "~/x.dhall", "https://host/a?q", "env:NAME", "missing".
// Path components that are not plain path characters are quoted, so local
// locations read back as the same import. Headers are never included.
std::string location_text(const ImportTarget& target);

bool is_remote(const ImportTarget& target);

// referentiallySane(parent, child): a remote import may only import other
// remote imports or `missing`.
bool referentially_sane(const ImportTarget& parent, const ImportTarget& child);

} // namespace polar::dhall
