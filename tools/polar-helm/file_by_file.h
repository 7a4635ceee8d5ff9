#pragma once
// Commands that rewrite files in place one after another (format, freeze):
// a Dhall error in one file is printed and the others are still done.
#include <fmt/core.h>

#include <cstdio>

#include "exit_codes.h"
#include "syntax/source.h"

namespace polar::cli {

// Calls `rewrite(item)` on each item in order; it returns false when the
// item fails a check (and has said so). exit_input_error when any item
// failed or threw a dhall::Error, else exit_ok. Other exceptions (a missing
// file, an unwritable one) end the loop: report.h turns them into exit 3.
template <typename Items, typename Rewrite>
ExitCode file_by_file(const Items& items, Rewrite&& rewrite) {
  ExitCode result = exit_ok;
  for (const auto& item : items) {
    try {
      if (!rewrite(item)) {
        result = exit_input_error;
      }
    } catch (const dhall::Error& error) {
      fmt::print(stderr, "{}", error.format());
      result = exit_input_error;
    }
  }
  return result;
}

} // namespace polar::cli
