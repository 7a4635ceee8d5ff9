#pragma once
// Runs one test in a child process, so that a crash, an abort or a hang in
// the engine fails that test alone instead of the whole run.
#include <chrono>
#include <functional>
#include <string>

namespace polar::conformance {

struct Outcome {
  bool passed = false;
  std::string message; // why it failed, or what the check returned
};

// `check` runs in a forked child; it returns normally to pass (with a note
// for the report) and throws (any std::exception) to fail with the
// exception's message.
Outcome run_isolated(const std::function<std::string()>& check, std::chrono::seconds timeout);

// Runs `check` in this process: an exception fails the test, a crash or a
// hang ends the whole run. For sanitizer builds (`--in-process`), where a
// leak check per forked child costs more than the tests themselves and
// LeakSanitizer checks once at this process's normal exit instead.
Outcome run_in_process(const std::function<std::string()>& check);

} // namespace polar::conformance
