#include "release_commands.h"

#include <filesystem>
#include <memory>
#include <string>

#include <fmt/core.h>

#include "chart/files.h"
#include "release/chart_package.h"
#include "release/flux_artifact.h"
#include "release/oci_push.h"
#include "release/registry_error.h"

namespace polar::cli {

namespace fs = std::filesystem;

namespace {

struct PackageArguments {
  std::string chart_dir;
  std::string output_dir = ".";
  std::string version;
  std::string path_file;
};

// Writes `contents` to `file` unless it holds them already, so that a build
// step whose result did not change leaves its output's time alone.
void write_if_changed(const fs::path& file, const std::string& contents) {
  std::error_code error;
  if (fs::is_regular_file(file, error) && fs::file_size(file, error) == contents.size() &&
      chart::read_file(file) == contents) {
    return;
  }
  chart::write_file_atomically(file, contents);
}

ExitCode run_package(const PackageArguments& arguments) {
  release::ChartContents chart = release::read_chart(arguments.chart_dir);
  if (!arguments.version.empty()) {
    release::set_version(chart, arguments.version);
  }
  std::string bytes = release::package_bytes(chart, release::package_time());
  fs::path file = fs::path(arguments.output_dir) / release::package_file_name(chart);
  write_if_changed(file, bytes);
  if (!arguments.path_file.empty()) {
    write_if_changed(arguments.path_file, fs::absolute(file).lexically_normal().string() + "\n");
  }
  fmt::print("{}\n", file.string());
  return exit_ok;
}

struct PushArguments {
  std::string package;
  std::string reference;
  release::RegistryOptions registry;
  bool flux = false;
  std::string source;
  std::string revision;
};

ExitCode run_flux_push(const PushArguments& arguments) {
  release::TaggedReference target;
  try {
    target = release::parse_tagged_oci_reference(arguments.reference, "latest");
  } catch (const release::RegistryError& error) {
    fmt::print(stderr, "polar-helm: error: {}\n", error.what());
    return exit_usage_error;
  }
  release::FluxArtifact artifact =
      release::flux_artifact(arguments.package, arguments.source, arguments.revision);
  std::string digest = release::push_flux_artifact(
      artifact, target.where.host, target.where.repository, target.tag, arguments.registry);
  fmt::print("Pushed: {}/{}:{}\nDigest: {}\n", target.where.host, target.where.repository,
             target.tag, digest);
  return exit_ok;
}

ExitCode run_push(const PushArguments& arguments) {
  if (arguments.flux) {
    return run_flux_push(arguments);
  }
  release::OciReference target;
  try {
    target = release::parse_oci_reference(arguments.reference);
  } catch (const release::RegistryError& error) {
    fmt::print(stderr, "polar-helm: error: {}\n", error.what());
    return exit_usage_error;
  }
  release::PushResult result = release::push_chart(arguments.package, target, arguments.registry);
  // Beside the package, so a GitOps commit can pin the digest and a rollback name it.
  fs::path package(arguments.package);
  fs::path digest_file = package.parent_path() / (package.stem().string() + ".digest");
  chart::write_file_atomically(digest_file, result.manifest_digest + "\n");
  fmt::print("Pushed: {}\nDigest: {}\n", result.reference, result.manifest_digest);
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
  } catch (const release::RegistryError& error) {
    // Its messages name the registry, never a credential.
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
  package->add_option("--version", package_arguments->version,
                      "Set the chart's version (SemVer 2) in the package, as helm package "
                      "--version does: its Chart.yaml and file name");
  package->add_option("--path-file", package_arguments->path_file,
                      "Also write the package's absolute path to this file (for a build that "
                      "cannot know the name in advance)");
  package->callback([package_arguments, &exit_code] {
    exit_code = reporting_errors([&] { return run_package(*package_arguments); });
  });

  auto push_arguments = std::make_shared<PushArguments>();
  CLI::App* push = app.add_subcommand(
      "push", "Push a chart package to an OCI registry as `helm push` does, without a clock in "
              "the manifest; prints the manifest digest and writes it to <name>-<version>.digest");
  push->add_option("PACKAGE", push_arguments->package, "The .tgz (with --flux: a folder)")
      ->required()
      ->check(CLI::ExistingPath);
  push->add_option("REFERENCE", push_arguments->reference,
                   "oci://HOST[:PORT]/REPOSITORY (with --flux: [:TAG], default latest)")
      ->required();
  push->add_flag("--flux", push_arguments->flux,
                 "Push a folder of manifests as a Flux artifact (flux push artifact)");
  push->add_option("--source", push_arguments->source,
                   "With --flux: the org.opencontainers.image.source annotation");
  push->add_option("--revision", push_arguments->revision,
                   "With --flux: the org.opencontainers.image.revision annotation");
  push->add_flag("--plain-http", push_arguments->registry.plain_http,
                 "Speak HTTP, not HTTPS (a loopback registry)");
  push->add_option("--ca-file", push_arguments->registry.ca_file,
                   "The CA certificates to verify the registry with")
      ->check(CLI::ExistingFile);
  push->footer("Credentials: DOCKER_AUTH_JSON (a config.json in base64) or "
               "$DOCKER_CONFIG/config.json (default ~/.docker/config.json).");
  push->callback([push_arguments, &exit_code] {
    exit_code = reporting_errors([&] { return run_push(*push_arguments); });
  });
}

} // namespace polar::cli
