// Side-by-side benchmark of polar-helm and the reference dhall-to-json 1.7.6:
// both render the same Dhall files to JSON as whole processes, the way a
// build runs them. Prints Google Benchmark's table, then one line per
// scenario with the medians, peak memory and the ratio.
//
// Paths come from the build (see bench/CMakeLists.txt); the reference is
// skipped when tools/setup.sh has not installed it.
#include <benchmark/benchmark.h>
#include <fmt/core.h>

#include <algorithm>
#include <exception>
#include <filesystem>
#include <map>
#include <string>

#include <unistd.h>

#include "process.h"

namespace fs = std::filesystem;
using polar::bench::ProcessCost;
using polar::bench::ProcessFailure;
using polar::bench::run_process;

namespace {

enum class Cache { none, cold, warm };

struct Scenario {
  std::string name;
  fs::path file;
  Cache cache;
  // Both tools take well under a second: every tool repeats it this often,
  // since one run of the reference varies by half.
  int quick_repetitions = 0;
  // A large configuration (issue #16): minutes and gigabytes for the
  // reference, so every tool runs it once.
  bool large = false;
};

struct Tool {
  std::string name;
  std::vector<std::string> render_to_json; // the file name is appended
  int repetitions;
  // Environment variables naming a cache directory of the tool's own besides
  // the standard integrity cache (each gets a subdirectory of the scenario's).
  std::vector<std::string> cache_variables;
};

// A large configuration may take the reference hours: a run is stopped
// after this long and reported as taking more.
constexpr double large_time_limit_seconds = 900;

// Runs that did not finish, by benchmark name: what they cost until they
// ended (out of memory under `ulimit -v`) or were stopped.
struct Unfinished {
  std::string reason;
  ProcessCost cost;
};
std::map<std::string, Unfinished> unfinished;

// One per process, so two checkouts benchmarking at once stay apart.
const fs::path scratch =
    fs::temp_directory_path() / ("polar-helm-bench-" + std::to_string(::getpid()));

// The standard looks for cached imports under HOME too: both point into the
// cache directory, so "cold" is cold.
std::map<std::string, std::string> cache_environment(const Tool& tool, const fs::path& cache_dir) {
  std::map<std::string, std::string> environment{{"XDG_CACHE_HOME", cache_dir.string()},
                                                 {"HOME", (cache_dir / "home").string()}};
  for (const auto& variable : tool.cache_variables) {
    environment[variable] = (cache_dir / variable).string();
  }
  return environment;
}

// One measured process per benchmark iteration. A run without a cache gets a
// new directory rather than an emptied one, and nothing is deleted until all
// runs are done: on ext4 without a journal, creating files within 30 s of
// deleting many makes the kernel scan the deleted inodes (recently_deleted),
// which costs more than the render and is not what a build meets.
// (Repetitions call run_scenario again, hence a counter outside it.)
int next_fresh_directory = 0;

void run_scenario(benchmark::State& state, const Tool& tool, const Scenario& scenario) {
  auto argv = tool.render_to_json;
  argv.push_back(scenario.file.string());
  auto scenario_dir = scratch / (tool.name + "-" + scenario.name);
  auto warm_environment = cache_environment(tool, scenario_dir / "warm");
  if (scenario.cache == Cache::warm) {
    run_process(argv, warm_environment);
  }
  double peak = 0;
  for (auto _ : state) {
    auto environment =
        scenario.cache == Cache::warm
            ? warm_environment
            : cache_environment(tool, scenario_dir / std::to_string(next_fresh_directory++));
    ProcessCost cost;
    auto time_limit =
        scenario.large ? std::optional<double>(large_time_limit_seconds) : std::nullopt;
    try {
      cost = run_process(argv, environment, time_limit);
    } catch (const ProcessFailure& failure) {
      // A tool that runs out of memory (run the benchmark under `ulimit -v`)
      // or time is reported with what it cost until then, a lower bound,
      // and the other scenarios still run.
      unfinished[tool.name + "/" + scenario.name] = {failure.what(), failure.cost()};
      state.SkipWithError(failure.what());
      break;
    } catch (const std::exception& error) {
      state.SkipWithError(error.what());
      break;
    }
    state.SetIterationTime(cost.seconds);
    peak = std::max(peak, cost.peak_mebibytes);
  }
  state.counters["peak_MiB"] = peak;
}

// Collects every repetition's time so the closing table can show medians
// and ratios across tools.
class RatioReporter : public benchmark::ConsoleReporter {
public:
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const auto& run : runs) {
      if (run.run_type != Run::RT_Iteration || run.error_occurred) {
        continue;
      }
      auto& record = records_[run.run_name.function_name];
      record.seconds.push_back(run.GetAdjustedRealTime() / 1e3); // time unit is ms
      auto peak = run.counters.find("peak_MiB");
      if (peak != run.counters.end()) {
        record.peak = std::max(record.peak, static_cast<double>(peak->second));
      }
    }
  }

  void Finalize() override {
    ConsoleReporter::Finalize();
    fmt::print("\n{:<26}{:>14}{:>12}{:>16}{:>12}{:>10}\n", "scenario", "polar-helm", "peak",
               "dhall-to-json", "peak", "ratio");
    for (const auto& [name, ours] : records_) {
      if (!name.starts_with("polar-helm/")) {
        continue;
      }
      std::string scenario = name.substr(name.find('/') + 1);
      auto reference = records_.find("dhall-to-json/" + scenario);
      if (auto failed = unfinished.find("dhall-to-json/" + scenario); failed != unfinished.end()) {
        // What it took until it failed or was stopped: the ratio is at least.
        const ProcessCost& cost = failed->second.cost;
        fmt::print("{:<26}{:>12.3f} s{:>8.0f} MiB{:>12.1f} s (!){:>8.0f} MiB{:>8.0f}x+  {}\n",
                   scenario, median(ours.seconds), ours.peak, cost.seconds, cost.peak_mebibytes,
                   cost.seconds / median(ours.seconds), failed->second.reason);
        continue;
      }
      if (reference == records_.end()) {
        fmt::print("{:<26}{:>12.3f} s{:>8.0f} MiB{:>16}\n", scenario, median(ours.seconds),
                   ours.peak, "(not run)");
        continue;
      }
      double ratio = median(reference->second.seconds) / median(ours.seconds);
      fmt::print("{:<26}{:>12.3f} s{:>8.0f} MiB{:>14.3f} s{:>8.0f} MiB{:>9.1f}x\n", scenario,
                 median(ours.seconds), ours.peak, median(reference->second.seconds),
                 reference->second.peak, ratio);
    }
    if (!unfinished.empty()) {
      fmt::print("(!) did not finish: its time is until it failed or was stopped, the ratio "
                 "a lower bound\n");
    }
  }

private:
  struct Record {
    std::vector<double> seconds;
    double peak = 0;
  };
  static double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values.empty() ? 0 : values[values.size() / 2];
  }
  std::map<std::string, Record> records_;
};

} // namespace

int main(int argc, char** argv) {
  const fs::path inputs = POLAR_HELM_BENCH_INPUTS;
  const std::vector<Scenario> scenarios = {
      {"k8s-deployment", inputs / "kubernetes_deployment.dhall", Cache::none},
      {"k8s-deployment-cold", inputs / "kubernetes_deployment_pinned.dhall", Cache::cold},
      {"k8s-deployment-warm", inputs / "kubernetes_deployment_pinned.dhall", Cache::warm, 7},
      {"scale-200-services", inputs / "scale_services.dhall", Cache::none},
      {"list-map-100000", inputs / "list_map.dhall", Cache::none},
      {"list-replicate-30000", inputs / "list_replicate.dhall", Cache::none},
      {"fold-append-30000", inputs / "fold_append.dhall", Cache::none},
      {"package-projection", inputs / "deployment-package" / "projection.dhall", Cache::none, 0,
       true},
      {"package-full-render", inputs / "deployment-package" / "full-render.dhall", Cache::none, 0,
       true},
      {"customization-tree", inputs / "customization-tree" / "main.dhall", Cache::none, 0, true},
  };
  // A warm polar-helm has its build cache too, as every build does.
  std::vector<Tool> tools = {{"polar-helm",
                              {POLAR_HELM_BINARY, "render", "--json", "--file"},
                              3,
                              {"POLAR_HELM_BUILD_CACHE"}}};
  const std::string reference = POLAR_HELM_REFERENCE;
  if (!reference.empty() && fs::exists(reference)) {
    // The reference needs seconds to minutes per run: one run says enough.
    tools.push_back({"dhall-to-json", {reference, "--file"}, 1, {}});
  }

  for (const auto& tool : tools) {
    for (const auto& scenario : scenarios) {
      benchmark::RegisterBenchmark((tool.name + "/" + scenario.name).c_str(), run_scenario, tool,
                                   scenario)
          ->UseManualTime()
          ->Unit(benchmark::kMillisecond)
          ->Iterations(1)
          ->Repetitions(scenario.large ? 1 : std::max(tool.repetitions, scenario.quick_repetitions))
          ->ReportAggregatesOnly(false);
    }
  }
  benchmark::Initialize(&argc, argv);
  RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  fs::remove_all(scratch);
  return 0;
}
