#include "tooling/transitive_files.h"

#include <functional>
#include <memory>
#include <set>
#include <system_error>

#include "imports/import_sites.h"
#include "support/file_io.h"
#include "syntax/parser.h"

namespace polar::dhall {
namespace {

namespace fs = std::filesystem;

// The file a relative local code import of `importer` names, or nothing.
std::optional<fs::path> followed_file(const fs::path& importer, const ImportSite& site) {
  const Import& import = site.import();
  const auto* local = std::get_if<LocalImport>(&import.target);
  if (site.in_headers || import.mode != ImportMode::code || local == nullptr ||
      (local->prefix != FilePrefix::here && local->prefix != FilePrefix::parent)) {
    return std::nullopt;
  }
  fs::path path = importer.parent_path();
  if (local->prefix == FilePrefix::parent) {
    path /= "..";
  }
  for (const std::string& directory : local->directory) {
    path /= directory;
  }
  return (path / local->file).lexically_normal();
}

fs::path identity_of(const fs::path& path) {
  std::error_code error;
  fs::path canonical = fs::weakly_canonical(path, error);
  return error ? fs::absolute(path).lexically_normal() : canonical;
}

} // namespace

std::vector<fs::path> with_transitive_imports(const std::vector<fs::path>& files) {
  std::vector<fs::path> ordered;
  std::set<fs::path> visited;
  // Depth first; a file is listed after what it imports. The depth is that
  // of the import graph, as for the resolver.
  std::function<void(const fs::path&)> visit = [&](const fs::path& file) {
    if (!visited.insert(identity_of(file)).second) {
      return;
    }
    try {
      if (auto text = read_regular_file(file)) {
        auto parsed = parse(std::make_shared<const SourceFile>(SourceFile{file.string(), *text}));
        for (const ImportSite& site : import_sites(parsed)) {
          if (auto imported = followed_file(file, site)) {
            visit(*imported);
          }
        }
      }
    } catch (const Error&) { // the command reports the file
    }
    ordered.push_back(file);
  };
  for (const fs::path& file : files) {
    visit(file);
  }
  return ordered;
}

} // namespace polar::dhall
