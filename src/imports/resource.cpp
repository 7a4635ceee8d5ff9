#include "imports/detail/resource.h"

#include <system_error>

#include <sys/stat.h>

#include "imports/detail/cors.h"
#include "support/file_io.h"

namespace polar::dhall {
namespace fs = std::filesystem;

std::string file_identity(const fs::path& path) {
  std::error_code error;
  auto resolved = fs::weakly_canonical(path, error);
  return error ? fs::absolute(path, error).lexically_normal().string() : resolved.string();
}

ResourceReader::ResourceReader(const LoadOptions& options) : options_(options) {
}

Resource ResourceReader::read(const ImportTarget& target, const ImportTarget& parent,
                              const Span& site, const std::vector<HttpHeader>& headers) const {
  if (const auto* local = std::get_if<LocalImport>(&target)) {
    return read_local(*local, site);
  }
  if (const auto* env = std::get_if<EnvImport>(&target)) {
    return read_environment(*env, site);
  }
  if (const auto* remote = std::get_if<RemoteImport>(&target)) {
    return read_remote(*remote, parent, site, headers);
  }
  throw Error::absent_import("`missing` cannot be imported: it is the import that is always absent",
                             site);
}

fs::path ResourceReader::local_path(const LocalImport& local, const Span& site) const {
  fs::path path;
  switch (local.prefix) {
  case FilePrefix::absolute:
    path = "/";
    break;
  case FilePrefix::here:
    path = options_.working_directory.empty() ? fs::path(".") : options_.working_directory;
    break;
  case FilePrefix::parent:
    path = options_.working_directory.empty() ? fs::path("..") : options_.working_directory / "..";
    break;
  case FilePrefix::home: {
    auto home = options_.environment("HOME");
    if (!home || home->empty()) {
      throw Error::absent_import("cannot resolve " + location_text(local) +
                                     ": the environment variable HOME is not set",
                                 site);
    }
    path = *home;
    break;
  }
  }
  for (const auto& component : local.directory) {
    path /= component;
  }
  return path / local.file;
}

Resource ResourceReader::read_local(const LocalImport& local, const Span& site) const {
  fs::path path = local_path(local, site);
  std::optional<std::string> contents;
  try {
    contents = read_regular_file(path);
  } catch (const Error& error) {
    throw Error(ErrorKind::import, "cannot import " + location_text(local) + ": " + error.message(),
                site);
  }
  if (!contents) {
    std::string shown = location_text(local);
    std::string looked_at = path.string();
    throw Error::absent_import("the imported file " + shown + " does not exist" +
                                   (looked_at == shown ? "" : " (looked for " + looked_at + ")"),
                               site);
  }
  return Resource{std::move(*contents), path.string(), identity_of_file(path), false, path};
}

std::string ResourceReader::identity_of_file(const fs::path& path) const {
  fs::path name = path.filename();
  struct stat status {};
  // A symlinked file, or a name that is not a file's (`.`, `..`), is
  // resolved in full.
  if (name.empty() || name == "." || name == ".." || ::lstat(path.c_str(), &status) != 0 ||
      S_ISLNK(status.st_mode)) {
    return file_identity(path);
  }
  fs::path directory = path.parent_path();
  auto [entry, inserted] = directory_identities_.try_emplace(directory.string());
  if (inserted) {
    entry->second = file_identity(directory.empty() ? fs::path(".") : directory);
  }
  return (entry->second / name).string();
}

Resource ResourceReader::read_environment(const EnvImport& env, const Span& site) const {
  auto value = options_.environment(env.name);
  if (!value) {
    throw Error::absent_import("the environment variable " + env.name + " is not set", site);
  }
  std::string name = "env:" + env.name;
  return Resource{std::move(*value), name, name, true, std::nullopt};
}

Resource ResourceReader::read_remote(const RemoteImport& remote, const ImportTarget& parent,
                                     const Span& site,
                                     const std::vector<HttpHeader>& headers) const {
  std::string url = location_text(remote);
  if (!options_.fetcher) {
    throw Error::absent_import("cannot fetch " + url + ": remote imports are disabled", site);
  }
  FetchResult result = options_.fetcher->fetch(FetchRequest{url, headers});
  if (!result.response) {
    throw Error::absent_import("cannot fetch " + url + ": " + result.failure, site);
  }
  if (!cors_compliant(parent, remote, result.response->headers)) {
    throw Error(ErrorKind::import,
                "the server of " + url + " does not allow imports from " + location_text(parent) +
                    " (its Access-Control-Allow-Origin header does not name that origin)",
                site);
  }
  return Resource{std::move(result.response->body), url, url, false, std::nullopt};
}

} // namespace polar::dhall
