// dhall-conformance: runs the official Dhall test suite against our engine
// and prints a per-category table and one closing line
// "N passed, N failed, N skipped". Exit status 1 when any test fails.
// Remote tests fetch from a loopback server emulating their hosts, reached
// through URL mirrors (test_hosts.h): no test touches the network.
#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <cstdlib>
#include <map>

#include "checks.h"
#include "host_server.h"
#include "isolation.h"
#include "skip_list.h"
#include "test_case.h"
#include "test_hosts.h"

namespace fs = std::filesystem;
using namespace polar::conformance;

namespace {

struct Tally {
  int passed = 0;
  int failed = 0;
  int skipped = 0;
};

// A scratch copy of the suite's cache, so tests never write into ../shared.
fs::path copy_cache(const fs::path& shared_dir, const fs::path& scratch) {
  auto copy = scratch / "cache";
  fs::remove_all(copy);
  fs::create_directories(copy);
  fs::copy(shared_dir / "dhall-lang" / "tests" / "import" / "cache", copy,
           fs::copy_options::recursive);
  return copy;
}

void print_table(const std::vector<std::string>& categories,
                 std::map<std::string, Tally>& tallies) {
  fmt::print("\n{:<22}{:>8}{:>8}{:>9}{:>8}\n", "category", "passed", "failed", "skipped", "total");
  Tally total;
  for (const auto& category : categories) {
    const Tally& t = tallies[category];
    fmt::print("{:<22}{:>8}{:>8}{:>9}{:>8}\n", category, t.passed, t.failed, t.skipped,
               t.passed + t.failed + t.skipped);
    total.passed += t.passed;
    total.failed += t.failed;
    total.skipped += t.skipped;
  }
  fmt::print("{} passed, {} failed, {} skipped\n", total.passed, total.failed, total.skipped);
}

} // namespace

int main(int argc, char** argv) {
  CLI::App app{"Runs the dhall-lang conformance suite against polar-helm's Dhall engine"};
  fs::path shared_dir;
  fs::path skip_file;
  fs::path scratch =
      fs::temp_directory_path() / ("dhall-conformance-" + std::to_string(::getpid()));
  std::vector<std::string> categories;
  std::string filter;
  bool verbose = false;
  bool in_process = false;
  int timeout_seconds = 20;
  app.add_option("--shared", shared_dir, "The folder holding dhall-lang/")->required();
  app.add_option("--skip-list", skip_file, "Tests not to run, each with its reason")->required();
  app.add_option("--category", categories, "Categories to run (default: all)")
      ->check(CLI::IsMember(all_categories()));
  app.add_option("--filter", filter, "Only tests whose id contains this text");
  app.add_option("--timeout", timeout_seconds, "Seconds before a test counts as hung");
  app.add_flag("--verbose", verbose, "Print every test, not only failures");
  app.add_flag("--in-process", in_process,
               "Run the tests in this process, not one forked child each (sanitizer builds)");
  CLI11_PARSE(app, argc, argv);

  if (categories.empty()) {
    categories = all_categories();
  }
  shared_dir = fs::absolute(shared_dir);
  auto skips = SkipList::load(skip_file);
  // Before any thread and before the first test is forked (host_server.h).
  HostServer hosts(shared_dir);
  SuiteLayout layout{shared_dir, copy_cache(shared_dir, scratch), scratch / "empty-cache", {}};
  layout.import_options.fetcher = test_host_fetcher(hosts.url());
  // The suite tests the standard, where the integrity cache answers first
  // even for a local file that no longer matches (hashFromCache).
  layout.import_options.trust_frozen = true;
  fs::create_directories(layout.empty_dir);

  std::map<std::string, Tally> tallies;
  for (const auto& category : categories) {
    Tally& tally = tallies[category];
    for (const auto& test : discover(shared_dir / "dhall-lang" / "tests", category)) {
      if (!filter.empty() && test.id.find(filter) == std::string::npos) {
        continue;
      }
      if (auto reason = skips.reason(test.id)) {
        ++tally.skipped;
        if (verbose) {
          fmt::print("SKIP {}: {}\n", test.id, *reason);
        }
        continue;
      }
      auto run = [&] { return check(test, layout); };
      auto outcome = in_process ? run_in_process(run)
                                : run_isolated(run, std::chrono::seconds(timeout_seconds));
      if (outcome.passed) {
        ++tally.passed;
        if (verbose) {
          fmt::print("PASS {}{}\n", test.id,
                     outcome.message.empty() ? "" : " (rejected: " + outcome.message + ")");
        }
      } else {
        ++tally.failed;
        fmt::print("FAIL {}: {}\n", test.id, outcome.message);
      }
    }
  }
  fs::remove_all(scratch);

  print_table(categories, tallies);
  for (const auto& [category, tally] : tallies) {
    if (tally.failed > 0) {
      return EXIT_FAILURE;
    }
  }
  return EXIT_SUCCESS;
}
