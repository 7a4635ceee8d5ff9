#include "secrets/identities.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

#include "secrets/error.h"

namespace polar::secrets {
namespace {

namespace fs = std::filesystem;

std::string read_key_file(const fs::path& path) {
  std::ifstream stream(path, std::ios::binary);
  if (!stream) {
    throw Error(ErrorKind::no_identity, "cannot read the age key file " + path.string());
  }
  std::ostringstream text;
  text << stream.rdbuf();
  return text.str();
}

void append(std::vector<AgeIdentity>& to, std::vector<AgeIdentity> from) {
  for (AgeIdentity& identity : from) {
    to.push_back(std::move(identity));
  }
}

std::optional<fs::path> default_key_file() {
  const char* config = std::getenv("XDG_CONFIG_HOME");
  const char* home = std::getenv("HOME");
  fs::path directory;
  if (config && *config) {
    directory = config;
  } else if (home && *home) {
    directory = fs::path(home) / ".config";
  } else {
    return std::nullopt;
  }
  fs::path file = directory / "sops" / "age" / "keys.txt";
  std::error_code error;
  return fs::is_regular_file(file, error) ? std::optional(file) : std::nullopt;
}

} // namespace

std::vector<AgeIdentity> identities_from_environment() {
  std::vector<AgeIdentity> identities;
  if (const char* key = std::getenv("SOPS_AGE_KEY"); key && *key) {
    append(identities, parse_identities(key, "SOPS_AGE_KEY"));
  }
  if (const char* file = std::getenv("SOPS_AGE_KEY_FILE"); file && *file) {
    append(identities, parse_identities(read_key_file(file), file));
  }
  if (std::optional<fs::path> file = default_key_file()) {
    append(identities, parse_identities(read_key_file(*file), file->string()));
  }
  return identities;
}

} // namespace polar::secrets
