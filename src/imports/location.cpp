#include "imports/detail/location.h"

#include <algorithm>
#include <utility>

namespace polar::dhall {
namespace {

using Directory = std::vector<std::string>;

bool is_relative(const LocalImport& local) {
  return local.prefix == FilePrefix::here || local.prefix == FilePrefix::parent;
}

// `base </> child` for the directory of a relative child: the parent's
// directory, then ".." when the child starts with "..", then the child's.
Directory chain_directory(const Directory& base, const LocalImport& child) {
  Directory result = base;
  if (child.prefix == FilePrefix::parent) {
    result.emplace_back("..");
  }
  result.insert(result.end(), child.directory.begin(), child.directory.end());
  return result;
}

Directory canonicalize_directory(const Directory& directory) {
  Directory result;
  for (const auto& component : directory) {
    if (component == ".") {
      continue;
    }
    if (component == ".." && !result.empty() && result.back() != "..") {
      result.pop_back();
      continue;
    }
    result.push_back(component);
  }
  return result;
}

// path-character of standard/dhall.abnf: printable ASCII other than
// ` "#()[]{}<>/\,?`.
bool is_path_character(char c) {
  auto code = static_cast<unsigned char>(c);
  if (code <= 0x20 || code >= 0x7F) {
    return false;
  }
  constexpr std::string_view excluded = "\"#(),/<>?[\\]{}";
  return excluded.find(c) == std::string_view::npos;
}

std::string local_path_component(const std::string& component) {
  bool plain = !component.empty() && std::all_of(component.begin(), component.end(),
                                                 [](char c) { return is_path_character(c); });
  return plain ? "/" + component : "/\"" + component + "\"";
}

std::string_view prefix_text(FilePrefix prefix) {
  switch (prefix) {
  case FilePrefix::absolute:
    return "";
  case FilePrefix::here:
    return ".";
  case FilePrefix::parent:
    return "..";
  case FilePrefix::home:
    return "~";
  }
  return "";
}

std::string local_text(const LocalImport& local) {
  std::string text(prefix_text(local.prefix));
  for (const auto& component : local.directory) {
    text += local_path_component(component);
  }
  return text + local_path_component(local.file);
}

std::string remote_text(const RemoteImport& remote) {
  std::string text = remote.scheme == Scheme::https ? "https://" : "http://";
  text += remote.authority;
  for (const auto& component : remote.directory) {
    text += "/" + component;
  }
  text += "/" + remote.file;
  if (remote.query) {
    text += "?" + *remote.query;
  }
  return text;
}

} // namespace

ImportTarget chain(const ImportTarget& parent, const ImportTarget& child) {
  const auto* relative = std::get_if<LocalImport>(&child);
  if (relative == nullptr || !is_relative(*relative)) {
    return child;
  }
  if (const auto* local = std::get_if<LocalImport>(&parent)) {
    return LocalImport{local->prefix, chain_directory(local->directory, *relative), relative->file};
  }
  if (const auto* remote = std::get_if<RemoteImport>(&parent)) {
    return RemoteImport{
        remote->scheme, remote->authority, chain_directory(remote->directory, *relative),
        relative->file, std::nullopt,      remote->headers};
  }
  return child;
}

ImportTarget canonicalize(ImportTarget target) {
  if (auto* local = std::get_if<LocalImport>(&target)) {
    local->directory = canonicalize_directory(local->directory);
  } else if (auto* remote = std::get_if<RemoteImport>(&target)) {
    remote->directory = canonicalize_directory(remote->directory);
  }
  return target;
}

LocalImport local_import_in_directory(const std::filesystem::path& directory, std::string file) {
  LocalImport local{
      directory.is_absolute() ? FilePrefix::absolute : FilePrefix::here, {}, std::move(file)};
  bool first = true;
  for (const auto& part : directory.relative_path()) {
    std::string component = part.string();
    if (first && !directory.is_absolute() && (component == "." || component == "..")) {
      local.prefix = component == "." ? FilePrefix::here : FilePrefix::parent;
    } else if (!component.empty()) {
      local.directory.push_back(std::move(component));
    }
    first = false;
  }
  return local;
}

LocalImport local_import_from_path(const std::filesystem::path& path) {
  return local_import_in_directory(path.parent_path(), path.filename().string());
}

std::string location_text(const ImportTarget& target) {
  if (const auto* local = std::get_if<LocalImport>(&target)) {
    return local_text(*local);
  }
  if (const auto* remote = std::get_if<RemoteImport>(&target)) {
    return remote_text(*remote);
  }
  if (const auto* env = std::get_if<EnvImport>(&target)) {
    return "env:" + env->name;
  }
  return "missing";
}

bool is_remote(const ImportTarget& target) {
  return std::holds_alternative<RemoteImport>(target);
}

bool referentially_sane(const ImportTarget& parent, const ImportTarget& child) {
  return !is_remote(parent) || is_remote(child) || std::holds_alternative<MissingImport>(child);
}

} // namespace polar::dhall
