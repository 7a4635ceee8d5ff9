#include "imports/user_cache.h"

namespace polar::dhall {
namespace fs = std::filesystem;

std::vector<fs::path> user_cache_directories(const EnvironmentLookup& environment) {
  std::vector<fs::path> directories;
  if (auto xdg = environment("XDG_CACHE_HOME"); xdg && !xdg->empty()) {
    directories.emplace_back(*xdg);
  }
  if (auto home = environment("HOME"); home && !home->empty()) {
    directories.push_back(fs::path(*home) / ".cache");
  }
  return directories;
}

fs::path user_build_cache_directory(const EnvironmentLookup& environment) {
  auto directories = user_cache_directories(environment);
  return directories.empty() ? fs::path() : directories.front() / "polar-helm";
}

} // namespace polar::dhall
