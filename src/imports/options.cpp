#include "imports/options.h"

namespace polar::dhall {

bool has_secret_file_name(const std::filesystem::path& file) {
  return file.filename().string().ends_with("-secret.dhall");
}

} // namespace polar::dhall
