#include "input.h"

#include <iostream>
#include <iterator>

#include "imports/file_io.h"

namespace polar::cli {

dhall::SourcePtr read_input(const Input& input) {
  if (input.file) {
    auto text = dhall::read_regular_file(*input.file);
    if (!text) {
      throw dhall::Error(dhall::ErrorKind::io, "no such file: " + input.file->string());
    }
    return std::make_shared<dhall::SourceFile>(
        dhall::SourceFile{input.file->string(), std::move(*text)});
  }
  std::string text{std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
  return std::make_shared<dhall::SourceFile>(dhall::SourceFile{"(stdin)", std::move(text)});
}

dhall::Loaded load_input(const Input& input, const dhall::LoadOptions& options) {
  if (input.file) {
    return dhall::load_file(*input.file, options);
  }
  return dhall::load_source(read_input(input), std::filesystem::current_path(), options);
}

} // namespace polar::cli
