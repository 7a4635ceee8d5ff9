#include "imports/environment.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <string_view>
#include <utility>

namespace polar::dhall {
namespace {

bool locates_files(const std::string& name) {
  constexpr std::array<std::string_view, 3> locations{"HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"};
  return std::ranges::find(locations, name) != locations.end();
}

} // namespace

EnvironmentLookup process_environment() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str()); // NOLINT(concurrency-mt-unsafe)
    if (value == nullptr) {
      return std::nullopt;
    }
    return std::string(value);
  };
}

EnvironmentReads::EnvironmentReads(EnvironmentLookup lookup) : lookup_(std::move(lookup)) {
}

EnvironmentLookup EnvironmentReads::watched() const {
  return [lookup = lookup_, notes = notes_](const std::string& name) {
    std::optional<std::string> value = lookup(name);
    if (!locates_files(name)) {
      notes->names.insert(name);
      notes->found = notes->found || value.has_value();
    }
    return value;
  };
}

std::function<bool(const std::filesystem::path&)>
EnvironmentReads::watching(std::function<bool(const std::filesystem::path&)> is_secret) const {
  return [is_secret = std::move(is_secret), notes = notes_](const std::filesystem::path& file) {
    bool secret = is_secret(file);
    if (secret) {
      notes->found = true;
    }
    return secret;
  };
}

std::vector<std::string> EnvironmentReads::names() const {
  return {notes_->names.begin(), notes_->names.end()};
}

} // namespace polar::dhall
