#pragma once
// An external encryption command (ENCRYPT_COMMAND, e.g. `sops --encrypt
// ...`): the plaintext goes to its standard input through a pipe and the
// encrypted text comes back from its standard output, so the plaintext never
// sits in a file. See docs/secrets.md.
#include <string>
#include <string_view>
#include <vector>

namespace polar::secrets {

// Splits a command line into words as a POSIX shell does for a simple
// command without expansions: unquoted blanks separate words, '...' is
// literal, "..." keeps blanks and takes \" \\ \$ \` as escapes, and \x
// outside quotes is x. Throws Error(input) on an unterminated quote or a
// trailing backslash, and for an empty command.
std::vector<std::string> split_command_line(std::string_view line);

// Runs `command` (searched on PATH) with `input` on its standard input and
// returns its standard output; its standard error stays ours. Throws
// Error(command) when it cannot be started, fails or is killed; the message
// names the program and the status, never the input or output.
std::string run_filter_command(const std::vector<std::string>& command, std::string_view input);

} // namespace polar::secrets
