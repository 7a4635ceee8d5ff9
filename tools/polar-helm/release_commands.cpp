#include "release_commands.h"

#include <filesystem>
#include <memory>
#include <string>

#include <fmt/core.h>

#include "chart/files.h"
#include "release/chart_package.h"

namespace polar::cli {

namespace fs = std::filesystem;

namespace {

struct PackageArguments {
  std::string chart_dir;
  std::string output_dir = ".";
};

ExitCode run_package(const PackageArguments& arguments) {
  release::ChartContents chart = release::read_chart(arguments.chart_dir);
  std::string bytes = release::package_bytes(chart, release::package_time());
  fs::path file = fs::path(arguments.output_dir) / release::package_file_name(chart);
  chart::write_file_atomically(file, bytes);
  fmt::print("{}\n", file.string());
  return exit_ok;
}

// Runs `body`, turning the errors of the release steps into messages and exit codes.
template <typename Body>
ExitCode reporting_errors(Body&& body) {
  try {
    return body();
  } catch (const chart::ChartError& error) {
    fmt::print(stderr, "polar-helm: error: {}\n", error.what());
    return exit_input_error;
  } catch (const fs::filesystem_error& error) {
    fmt::print(stderr, "polar-helm: error: {}\n", error.what());
    return exit_environment;
  }
}

} // namespace

void add_release_commands(CLI::App& app, ExitCode& exit_code) {
  auto package_arguments = std::make_shared<PackageArguments>();
  CLI::App* package = app.add_subcommand(
      "package", "Write a chart folder as <name>-<version>.tgz, as `helm package` lays it out but "
                 "byte-reproducible (SOURCE_DATE_EPOCH sets the file times)");
  package->add_option("CHART_DIR", package_arguments->chart_dir, "The chart (with Chart.yaml)")
      ->required()
      ->check(CLI::ExistingDirectory);
  package
      ->add_option("--output,-d", package_arguments->output_dir,
                   "The folder the package is written to")
      ->capture_default_str();
  package->callback([package_arguments, &exit_code] {
    exit_code = reporting_errors([&] { return run_package(*package_arguments); });
  });
}

} // namespace polar::cli
