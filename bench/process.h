#pragma once
// Runs a whole command the way a build system does, and measures it.
#include <map>
#include <string>
#include <vector>

namespace polar::bench {

struct ProcessCost {
  double seconds = 0;        // wall-clock time from spawn to exit
  double peak_mebibytes = 0; // the child's maximum resident set size
};

// Runs `argv` with `environment` added to this process's environment,
// stdout and stderr discarded. Throws std::runtime_error when the command
// cannot start or exits unsuccessfully (a benchmark of a failing command
// would measure nothing).
ProcessCost run_process(const std::vector<std::string>& argv,
                        const std::map<std::string, std::string>& environment = {});

} // namespace polar::bench
