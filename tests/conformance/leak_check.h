#pragma once
// The leak check of a sanitizer build for processes that end with _exit.
//
// The runner's children end with _exit (isolation.h, host_server.h), which
// skips the check LeakSanitizer makes at a normal exit: without this one, a
// leak in a test would never be reported.
namespace polar::conformance {

// In a build with AddressSanitizer (and LeakSanitizer enabled), checks for
// leaks now, prints any it finds on stderr and returns true; elsewhere
// returns false.
bool leaks_found();

} // namespace polar::conformance
