// polar-helm-env-check: the first step of every build of a chart that reads
// environment variables, `polar-helm env-check` in a process that starts in
// about a millisecond (docs/chart-module.md, "Environment variables"). It
// runs on every build, a no-op build included, so its start is the no-op's
// cost: a static executable of the stamp check and its file handling alone,
// without the Dhall engine, CLI11 or any shared library.
//
//   polar-helm-env-check [--stamp-list FILE] [--changes FILE] [STAMP...]
//
// Exit codes as polar-helm's: 0 ok, 2 usage error, 3 a stamp or the list
// cannot be read or written.
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chart/environment_stamp.h"

namespace {

constexpr int exit_usage_error = 2;
constexpr int exit_environment = 3;

// The variables of this process, as dhall::process_environment() looks them
// up (imports/environment.cpp), without linking the imports module.
std::optional<std::string> process_environment(const std::string& name) {
  const char* value = std::getenv(name.c_str()); // NOLINT(concurrency-mt-unsafe)
  if (value == nullptr) {
    return std::nullopt;
  }
  return std::string(value);
}

int usage(const char* problem) {
  std::fprintf(
      stderr,
      "polar-helm-env-check: %s\nusage: polar-helm-env-check [--stamp-list FILE] [--changes FILE] "
      "[STAMP...]\n",
      problem);
  return exit_usage_error;
}

} // namespace

int main(int argc, char** argv) {
  std::vector<std::filesystem::path> stamps;
  std::filesystem::path stamp_list;
  std::filesystem::path changes;
  for (int i = 1; i < argc; ++i) {
    std::string_view argument(argv[i]);
    if (argument == "--stamp-list") {
      if (i + 1 == argc) {
        return usage("--stamp-list needs a file");
      }
      stamp_list = argv[++i];
    } else if (argument == "--changes") {
      if (i + 1 == argc) {
        return usage("--changes needs a file");
      }
      changes = argv[++i];
    } else if (argument.starts_with("-")) {
      return usage("unknown option");
    } else {
      stamps.emplace_back(argument);
    }
  }
  try {
    polar::chart::check_environment_stamps(std::move(stamps), stamp_list, process_environment,
                                           changes);
    return 0;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "polar-helm-env-check: error: %s\n", error.what());
    return exit_environment;
  }
}
