#pragma once
// polar-helm installed as `dhall` (a symlink): dhall-haskell's command line
// (1.42) translated into polar-helm's, one table in dhall_drop_in.cpp and
// docs/dhall-commands.md.
#include <optional>
#include <string>
#include <vector>

#include "exit_codes.h"

namespace polar::cli {

struct DhallCommandLine {
  // polar-helm's arguments for the same command (argv[0] first), or an exit
  // code when the command ends here (`dhall version`, an unsupported
  // command: exit 2 naming the supported ones).
  std::vector<std::string> arguments;
  std::optional<ExitCode> exit;
};

DhallCommandLine translate_dhall_command_line(int argc, char** argv);

} // namespace polar::cli
