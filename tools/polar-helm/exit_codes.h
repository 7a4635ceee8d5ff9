#pragma once
// The exit codes of polar-helm, as documented in the README.
namespace polar::cli {

enum ExitCode : int {
  exit_ok = 0,
  exit_input_error = 1, // the Dhall input is wrong: syntax, type, import, render
  exit_usage_error = 2, // the command line is wrong
  exit_environment = 3, // a tool or file the command needs is missing
};

} // namespace polar::cli
