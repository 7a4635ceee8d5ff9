#pragma once
// How a failed subcommand ends: one place that turns any exception into a
// message on standard error and a documented exit code (exit_codes.h), so
// that nothing escapes as an abort (exit 134).
#include <CLI/CLI.hpp>

#include <exception>
#include <stdexcept>
#include <string>

#include "exit_codes.h"

namespace polar::cli {

// Something the command needs from its surroundings is missing or unusable:
// an input file, a writable output, a tool. Exit code 3.
class EnvironmentError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

// What the failing command was working on, for the message.
struct ReportContext {
  std::string subject = "(stdin)"; // the file being evaluated
  bool hide_values = false;        // the subject is secret: no literal in the message
};

// Prints what `failure` says (values hidden when the context asks) and
// returns its exit code: a Dhall error 1, out of memory 1 naming the
// subject, a missing or unwritable file 3, anything unexpected 1 with its
// message.
ExitCode report(std::exception_ptr failure, const ReportContext& context = {});

// Runs `body` (which returns an ExitCode), reporting what it throws. Command
// line errors raised while it runs stay CLI11's (exit code 2).
template <typename Body>
ExitCode reporting(const ReportContext& context, Body&& body) {
  try {
    return body();
  } catch (const CLI::ParseError&) {
    throw;
  } catch (...) {
    return report(std::current_exception(), context);
  }
}

// Flushes standard output and checks that everything written to it arrived
// (a full disk, /dev/full): returns `code`, or exit_environment after a
// message when the output was lost and `code` said success.
ExitCode finish_standard_output(ExitCode code);

} // namespace polar::cli
