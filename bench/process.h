#pragma once
// Runs a whole command the way a build system does, and measures it.
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace polar::bench {

struct ProcessCost {
  double seconds = 0;        // wall-clock time from spawn to exit
  double peak_mebibytes = 0; // the child's maximum resident set size
};

// A command that started but did not succeed: what it cost until it ended
// (out of memory under `ulimit -v`) or was stopped (past its time limit).
class ProcessFailure : public std::runtime_error {
public:
  ProcessFailure(const std::string& what, ProcessCost cost)
      : std::runtime_error(what), cost_(cost) {}
  const ProcessCost& cost() const { return cost_; }

private:
  ProcessCost cost_;
};

// Runs `argv` with `environment` added to this process's environment,
// stdout and stderr discarded, killed after `time_limit` seconds when one is
// given. Throws std::runtime_error when the command cannot start and
// ProcessFailure when it exits unsuccessfully or is killed (a benchmark of a
// failing command measures nothing but a lower bound).
ProcessCost run_process(const std::vector<std::string>& argv,
                        const std::map<std::string, std::string>& environment = {},
                        std::optional<double> time_limit = std::nullopt);

} // namespace polar::bench
