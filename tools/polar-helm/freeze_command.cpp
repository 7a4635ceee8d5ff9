#include "freeze_command.h"

#include <fmt/core.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "file_by_file.h"
#include "import_options.h"
#include "imports/freeze.h"
#include "support/file_io.h"
#include "tooling/transitive_files.h"

namespace polar::cli {
namespace {

namespace fs = std::filesystem;

struct FreezeArguments {
  std::vector<fs::path> files;
  dhall::FreezeOptions freeze;
  bool check = false;
  bool transitive = false;
  ImportArguments imports;
};

std::string position_of(const dhall::Span& span) {
  auto position = dhall::line_column(*span.file, span.begin);
  return fmt::format("{}:{}:{}", span.file->name, position.line, position.column);
}

// Freezes (or checks) one file; false when it needs changes under --check.
bool freeze_file(const fs::path& file, const FreezeArguments& arguments,
                 const dhall::LoadOptions& options) {
  auto text = dhall::read_regular_file(file);
  if (!text) {
    throw dhall::Error(dhall::ErrorKind::io, "cannot read " + file.string() + ": no such file");
  }
  auto source =
      std::make_shared<const dhall::SourceFile>(dhall::SourceFile{file.string(), std::move(*text)});
  fs::path directory = file.parent_path().empty() ? fs::path(".") : file.parent_path();
  dhall::FrozenSource frozen = dhall::freeze_source(source, directory, arguments.freeze, options);
  for (const dhall::PinChange& skipped : frozen.secret) {
    fmt::print(stderr,
               "{}: not frozen: {} reads an environment variable or a secret file, and its pin "
               "would be a digest of their values\n",
               position_of(skipped.site), skipped.import);
  }
  for (const dhall::PinChange& change : frozen.changes) {
    std::string hash = "sha256:" + dhall::to_hex(change.hash);
    if (!arguments.check) {
      fmt::print("{}: {} pinned to {}\n", position_of(change.site), change.import, hash);
    } else if (!change.pinned) {
      fmt::print("{}: missing pin: {} hashes to {}\n", position_of(change.site), change.import,
                 hash);
    } else if (*change.pinned != change.hash) {
      fmt::print("{}: stale pin: {} is pinned to sha256:{} but hashes to {}\n",
                 position_of(change.site), change.import, dhall::to_hex(*change.pinned), hash);
    } else {
      fmt::print("{}: {} is pinned in the other form ({})\n", position_of(change.site),
                 change.import, arguments.freeze.cache ? "not --cache" : "--cache");
    }
  }
  if (arguments.check) {
    return frozen.changes.empty();
  }
  if (frozen.text != source->text) {
    dhall::write_file_atomically(file, frozen.text);
  }
  return true;
}

ExitCode run_freeze(const FreezeArguments& arguments) {
  dhall::LoadOptions options = make_load_options(arguments.imports);
  // A file's pins are repaired before its importers hash it.
  std::vector<fs::path> files =
      arguments.transitive ? dhall::with_transitive_imports(arguments.files) : arguments.files;
  return file_by_file(dhall::in_dependency_order(files, options),
                      [&](const fs::path& file) { return freeze_file(file, arguments, options); });
}

} // namespace

void register_freeze_command(CLI::App& app, ExitCode& exit_code) {
  auto arguments = std::make_shared<FreezeArguments>();
  auto* freeze = app.add_subcommand(
      "freeze", "Pin imports to the semantic hash of what they resolve to, editing only the "
                "pins: remote imports and imports pinned already (local ones too with --all)");
  freeze->add_option("FILE", arguments->files, "The Dhall files to freeze, in place")
      ->required()
      ->check(CLI::ExistingFile);
  freeze->add_flag("--all", arguments->freeze.all,
                   "Also pin local imports without a pin (env: imports are never pinned)");
  freeze->add_flag("--cache", arguments->freeze.cache,
                   "Write `missing sha256:... ? import`: the integrity cache when it has the "
                   "expression, else the import");
  freeze->add_flag("--check", arguments->check,
                   "Write nothing; list stale and missing pins and exit with 1 if there are any");
  freeze->add_flag("--transitive", arguments->transitive,
                   "Also freeze the files the FILEs import as code through relative paths (./x, "
                   "../x), transitively, each once, imports first");
  add_import_options(*freeze, arguments->imports);
  freeze->callback([arguments, &exit_code] { exit_code = run_freeze(*arguments); });
}

} // namespace polar::cli
