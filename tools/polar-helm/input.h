#pragma once
// Where a subcommand reads its Dhall input from: a file, or standard input
// when no file is given (as the reference `dhall` tool does).
#include <filesystem>
#include <optional>

#include "imports/load.h"
#include "syntax/source.h"

namespace polar::cli {

struct Input {
  std::optional<std::filesystem::path> file; // none: standard input
};

// The input's text, named for messages ("(stdin)" for standard input).
dhall::SourcePtr read_input(const Input& input);

// Parses, resolves, type-checks and normalizes the input.
dhall::Loaded load_input(const Input& input, const dhall::LoadOptions& options = {});

} // namespace polar::cli
