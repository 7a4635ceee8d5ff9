#include "report.h"

#include <fmt/core.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <new>
#include <system_error>

#include "chart/files.h"
#include "imports/redact.h"
#include "secrets/error.h"
#include "syntax/source.h"

namespace polar::cli {

namespace {

ExitCode exit_code_of(const secrets::Error& error) {
  switch (error.kind()) {
  case secrets::ErrorKind::no_identity:
  case secrets::ErrorKind::crypto:
  case secrets::ErrorKind::command:
    return exit_environment;
  case secrets::ErrorKind::input:
  case secrets::ErrorKind::integrity:
    break;
  }
  return exit_input_error;
}

void print_error(const std::string& message) {
  fmt::print(stderr, "polar-helm: error: {}\n", message);
}

// The memory the failed evaluation held is free again by now, enough for a message.
ExitCode out_of_memory(const ReportContext& context) {
  print_error(fmt::format("out of memory while evaluating {} (an expression that grows without "
                          "bound? --max-memory sets the ceiling)",
                          context.subject));
  return exit_input_error;
}

} // namespace

ExitCode report(std::exception_ptr failure, const ReportContext& context) {
  try {
    std::rethrow_exception(failure);
  } catch (const dhall::Error& error) {
    std::cerr << (context.hide_values ? dhall::without_values(error) : error).format();
    return exit_input_error;
  } catch (const chart::ChartError& error) {
    print_error(error.what());
    return exit_input_error;
  } catch (const secrets::Error& error) {
    // Its messages name files and keys, never values.
    print_error(error.what());
    return exit_code_of(error);
  } catch (const EnvironmentError& error) {
    print_error(error.what());
    return exit_environment;
  } catch (const std::bad_alloc&) {
    return out_of_memory(context);
  } catch (const std::length_error&) {
    // A string or vector longer than it can be: the same runaway growth.
    return out_of_memory(context);
  } catch (const std::system_error& error) {
    // std::filesystem's errors and failed writes of fmt::print: the file
    // system said no.
    print_error(error.what());
    return exit_environment;
  } catch (const std::exception& error) {
    print_error(fmt::format("internal error: {}", error.what()));
    return exit_input_error;
  } catch (...) {
    print_error("internal error: an unknown exception");
    return exit_input_error;
  }
}

ExitCode finish_standard_output(ExitCode code) {
  // std::cout writes through stdout (synchronized with stdio): flushing
  // stdout first keeps the errno of the write that failed.
  errno = 0;
  bool flushed = std::fflush(stdout) == 0;
  int flush_error = errno;
  std::cout.flush();
  if (flushed && !std::ferror(stdout) && std::cout.good()) {
    return code;
  }
  // An earlier buffered write that failed leaves no errno: say what is known.
  std::string why = !flushed && flush_error != 0 ? std::strerror(flush_error) : "a write failed";
  print_error(fmt::format("cannot write to standard output: {}", why));
  return code == exit_ok ? exit_environment : code;
}

} // namespace polar::cli
