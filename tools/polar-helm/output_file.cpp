#include "output_file.h"

#include <system_error>

#include "imports/file_io.h"
#include "report.h"
#include "syntax/source.h"

namespace polar::cli {
namespace {

namespace fs = std::filesystem;

bool holds(const fs::path& path, const std::string& text) {
  std::error_code error;
  if (!fs::is_regular_file(path, error) || fs::file_size(path, error) != text.size() || error) {
    return false;
  }
  try {
    return dhall::read_regular_file(path) == text;
  } catch (const dhall::Error&) {
    return false;
  }
}

} // namespace

void write_output(const fs::path& path, const std::string& text) {
  if (holds(path, text)) {
    return;
  }
  try {
    dhall::write_output_file(path, text);
  } catch (const dhall::Error& error) {
    throw EnvironmentError(error.message());
  }
}

} // namespace polar::cli
