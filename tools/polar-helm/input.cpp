#include "input.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>

#include <sys/stat.h>

#include "report.h"
#include "support/file_io.h"

namespace polar::cli {

namespace fs = std::filesystem;

namespace {

// Whether `path` is a regular file (loaded as a file, a dependency of the
// output) rather than a stream; throws EnvironmentError when it cannot be an
// input at all. /dev/stdin redirected from a file is a stream all the same:
// its imports are relative to the working directory, not to /dev.
bool is_regular_input(const fs::path& path) {
  struct stat status {};
  if (::stat(path.c_str(), &status) != 0) {
    if (errno == ENOENT || errno == ENOTDIR) {
      throw EnvironmentError("no such file: " + path.string());
    }
    throw EnvironmentError("cannot read " + path.string() + ": " + std::strerror(errno));
  }
  if (S_ISDIR(status.st_mode)) {
    throw EnvironmentError("cannot read " + path.string() + ": it is a directory");
  }
  return S_ISREG(status.st_mode) && !dhall::names_open_file(path);
}

std::string read_stream(std::istream& stream, const std::string& name) {
  std::string text{std::istreambuf_iterator<char>(stream), std::istreambuf_iterator<char>()};
  if (stream.bad()) {
    throw EnvironmentError("cannot read " + name);
  }
  return text;
}

std::string read_file_stream(const fs::path& path) {
  std::ifstream stream(path, std::ios::binary);
  if (!stream) {
    throw EnvironmentError("cannot read " + path.string() + ": " + std::strerror(errno));
  }
  return read_stream(stream, path.string());
}

} // namespace

std::string input_name(const Input& input) {
  return input.file ? input.file->string() : "(stdin)";
}

dhall::SourcePtr read_input(const Input& input) {
  std::string text;
  if (!input.file) {
    text = read_stream(std::cin, "standard input");
  } else if (is_regular_input(*input.file)) {
    std::optional<std::string> contents = dhall::read_regular_file(*input.file);
    if (!contents) {
      throw EnvironmentError("no such file: " + input.file->string());
    }
    text = std::move(*contents);
  } else {
    text = read_file_stream(*input.file);
  }
  return std::make_shared<dhall::SourceFile>(dhall::SourceFile{input_name(input), std::move(text)});
}

dhall::Loaded load_input(const Input& input, const dhall::LoadOptions& options) {
  if (input.file && is_regular_input(*input.file)) {
    return dhall::load_file(*input.file, options);
  }
  return dhall::load_source(read_input(input), fs::current_path(), options);
}

dhall::Loaded load_input(const Input& input, dhall::SourcePtr text,
                         const dhall::LoadOptions& options) {
  if (input.file && is_regular_input(*input.file)) {
    return dhall::load_file(*input.file, options);
  }
  return dhall::load_source(std::move(text), fs::current_path(), options);
}

} // namespace polar::cli
