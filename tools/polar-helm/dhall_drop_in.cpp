#include "dhall_drop_in.h"

#include <fmt/core.h>

#include <algorithm>
#include <array>
#include <string_view>
#include <utility>

#include "version.h"

namespace polar::cli {
namespace {

// dhall's subcommands and polar-helm's, where each is implemented.
constexpr std::array<std::pair<std::string_view, std::string_view>, 12> subcommands{{
    {"normalize", "dhall"},
    {"type", "type"},
    {"hash", "hash"},
    {"encode", "encode"},
    {"decode", "decode"},
    {"text", "text"},
    {"diff", "diff"},
    {"lint", "lint"},
    {"format", "format"},
    {"freeze", "freeze"},
    {"to-directory-tree", "to-directory-tree"},
    {"version", ""},
}};

// Global flags of dhall that change nothing here: polar-helm's errors are
// always explained and never coloured, its output is Unicode. (`--plain`
// reaches diff, the one command that colours.)
constexpr std::array<std::string_view, 4> ignored_flags{"--explain", "--unicode", "--censor",
                                                        "--no-cache"};

std::string supported_list() {
  std::string list = "dhall [--file F] [--annotate] [--alpha]";
  for (const auto& [name, ours] : subcommands) {
    list += ", dhall " + std::string(name);
  }
  return list;
}

} // namespace

DhallCommandLine translate_dhall_command_line(int argc, char** argv) {
  std::vector<std::string> rest;
  bool ascii = false;
  bool plain = false;
  for (int i = 1; i < argc; ++i) {
    std::string_view argument(argv[i]);
    if (std::find(ignored_flags.begin(), ignored_flags.end(), argument) != ignored_flags.end()) {
      continue;
    }
    if (argument == "--ascii") {
      ascii = true;
      continue;
    }
    if (argument == "--plain") {
      plain = true;
      continue;
    }
    rest.emplace_back(argument);
  }
  DhallCommandLine result;
  result.arguments.emplace_back("polar-helm");
  std::string subcommand = rest.empty() || rest.front().starts_with("-") ? "" : rest.front();
  if (subcommand.empty()) {
    if (std::find(rest.begin(), rest.end(), "--version") != rest.end()) {
      fmt::print("{} (polar-helm, as dhall)\n", POLAR_HELM_VERSION);
      result.exit = exit_ok;
      return result;
    }
    result.arguments.emplace_back("dhall"); // the default command: normalize
  } else {
    auto found = std::find_if(subcommands.begin(), subcommands.end(),
                              [&](const auto& entry) { return entry.first == subcommand; });
    if (found == subcommands.end()) {
      fmt::print(stderr,
                 "dhall: `dhall {}` is not supported by polar-helm; supported: {} (see "
                 "docs/dhall-commands.md)\n",
                 subcommand, supported_list());
      result.exit = exit_usage_error;
      return result;
    }
    if (found->first == "version") {
      fmt::print("{} (polar-helm, as dhall)\n", POLAR_HELM_VERSION);
      result.exit = exit_ok;
      return result;
    }
    result.arguments.emplace_back(found->second);
    rest.erase(rest.begin());
  }
  // `--inplace FILE` (older dhall) is the FILE argument of format, lint
  // and freeze.
  for (const std::string& argument : rest) {
    if (argument != "--inplace") {
      result.arguments.push_back(argument);
    }
  }
  if (ascii && subcommand == "format") {
    result.arguments.emplace_back("--ascii");
  }
  if (plain && subcommand == "diff") {
    result.arguments.emplace_back("--plain");
  }
  return result;
}

} // namespace polar::cli
