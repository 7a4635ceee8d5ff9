#pragma once
// Retrieving what an import points at (Γ(child) in standard/imports.md):
// the bytes of a file, the value of an environment variable, the body of a
// URL. Absent resources throw Error::absent_import; nothing here parses.
#include <filesystem>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "imports/detail/location.h"
#include "imports/fetcher.h"
#include "imports/options.h"

namespace polar::dhall {

struct Resource {
  std::string contents;
  // What diagnostics call the source: a file path, "env:NAME" or the URL.
  std::string source_name;
  // Identifies the underlying resource for cycle detection: the file path
  // with symlinks resolved, so a symlink loop is caught as a cycle.
  std::string identity;
  // The contents came from an environment variable and must never be shown.
  bool secret = false;
  // The local file read, for dependency tracking.
  std::optional<std::filesystem::path> file;
};

// The symlink-free absolute path of `path` (as far as it exists): one file
// reached through two spellings has one identity.
std::string file_identity(const std::filesystem::path& path);

class ResourceReader {
public:
  // `options` must outlive the reader; its environment must be set.
  explicit ResourceReader(const LoadOptions& options);

  // The resource `target` (canonical) names, imported from `parent` at
  // `site`. `headers` are sent with remote requests. Throws an absent import when
  // it does not exist, Error otherwise (unreadable file, CORS violation).
  Resource read(const ImportTarget& target, const ImportTarget& parent, const Span& site,
                const std::vector<HttpHeader>& headers) const;

  // Where a local import lives on disk (relative imports below the working
  // directory, `~` below $HOME). Throws an absent import when HOME is needed but
  // unset.
  std::filesystem::path local_path(const LocalImport& local, const Span& site) const;

private:
  Resource read_local(const LocalImport& local, const Span& site) const;
  // file_identity(path) of the file just read at `path`, with the identities
  // of directories memoized: a package's files share a few directories, and
  // resolving every component of every path was thousands of system calls.
  std::string identity_of_file(const std::filesystem::path& path) const;
  Resource read_environment(const EnvImport& env, const Span& site) const;
  Resource read_remote(const RemoteImport& remote, const ImportTarget& parent, const Span& site,
                       const std::vector<HttpHeader>& headers) const;

  const LoadOptions& options_;
  // file_identity of each directory files were read from, by its path.
  mutable std::unordered_map<std::string, std::filesystem::path> directory_identities_;
};

} // namespace polar::dhall
