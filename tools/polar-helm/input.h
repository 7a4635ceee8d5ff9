#pragma once
// Where a subcommand reads its input from: a file, or standard input when
// no file is given (as the reference `dhall` tool does). A file that is not
// a regular one (/dev/stdin, a FIFO, a process substitution) is read as a
// stream, like standard input.
#include <filesystem>
#include <optional>
#include <string>

#include "imports/load.h"
#include "syntax/source.h"

namespace polar::cli {

struct Input {
  std::optional<std::filesystem::path> file; // none: standard input
};

// The input's name in messages: the path as given, or "(stdin)".
std::string input_name(const Input& input);

// The input's text, named for messages. Throws EnvironmentError (report.h)
// when there is no such file, it is a directory or it cannot be read.
dhall::SourcePtr read_input(const Input& input);

// Parses, resolves, type-checks and normalizes the input. A stream's
// relative imports start in the working directory, as standard input's do.
dhall::Loaded load_input(const Input& input, const dhall::LoadOptions& options = {});

// The same, for an input whose text `text` was read already (read_input):
// standard input can be read only once. A file is loaded from its path.
dhall::Loaded load_input(const Input& input, dhall::SourcePtr text,
                         const dhall::LoadOptions& options);

} // namespace polar::cli
