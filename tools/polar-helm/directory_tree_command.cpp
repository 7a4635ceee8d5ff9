#include "directory_tree_command.h"

#include <fmt/core.h>

#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <system_error>
#include <vector>

#include "chart/files.h"
#include "chart/written_files.h"
#include "import_options.h"
#include "input.h"
#include "memory_limit.h"
#include "report.h"
#include "support/file_io.h"
#include "tooling/directory_tree.h"

namespace polar::cli {
namespace {

namespace fs = std::filesystem;

struct TreeArguments {
  Input input;
  fs::path output;
  bool allow_path_separators = false;
  ImportArguments imports;
};

// What is at `path` now, not following a final symlink.
fs::file_status status_of(const fs::path& path) {
  std::error_code error;
  fs::file_status status = fs::symlink_status(path, error);
  if (error && error != std::errc::no_such_file_or_directory) {
    throw EnvironmentError(fmt::format("cannot read {}: {}", path.string(), error.message()));
  }
  return status;
}

// Refuses a path that leaves `root` through a symlink already there: the
// tree writes below `root` and nowhere else.
void check_no_symlink_on_the_way(const fs::path& root, const std::string& relative) {
  fs::path path = root;
  for (const auto& part : fs::path(relative)) {
    path /= part;
    if (fs::is_symlink(status_of(path))) {
      throw EnvironmentError(fmt::format(
          "{} is a symbolic link: to-directory-tree writes nothing through links", path.string()));
    }
  }
}

// Why the entries cannot be written into `root` without replacing what
// polar-helm did not write there, or empty.
std::vector<std::string> conflicts(const fs::path& root,
                                   const std::vector<dhall::TreeEntry>& entries,
                                   const std::set<std::string>& ours) {
  std::vector<std::string> problems;
  for (const dhall::TreeEntry& entry : entries) {
    if (entry.path == chart::written_files_name) {
      problems.push_back(
          fmt::format("{}: the name of polar-helm's record of the files it wrote", entry.path));
      continue;
    }
    check_no_symlink_on_the_way(root, entry.path);
    fs::path path = root / entry.path;
    fs::file_status status = status_of(path);
    if (!fs::exists(status)) {
      continue;
    }
    if (entry.kind == dhall::TreeEntry::Kind::directory) {
      if (!fs::is_directory(status)) {
        problems.push_back(
            fmt::format("{}: a folder is wanted, another file is there", path.string()));
      }
      continue;
    }
    if (!fs::is_regular_file(status)) {
      problems.push_back(
          fmt::format("{}: a file is wanted, something else is there", path.string()));
      continue;
    }
    auto current = dhall::read_regular_file(path);
    if (current && *current != entry.content && !ours.contains(entry.path)) {
      problems.push_back(fmt::format(
          "{}: exists with other contents, and polar-helm did not write it (remove it or write "
          "elsewhere)",
          path.string()));
    }
  }
  return problems;
}

uid_t user_id(const dhall::Owner& owner) {
  if (const auto* id = std::get_if<dhall::Natural>(&owner)) {
    return static_cast<uid_t>(id->as_uint64());
  }
  const std::string& name = std::get<std::string>(owner);
  const passwd* user = ::getpwnam(name.c_str());
  if (user == nullptr) {
    throw EnvironmentError(fmt::format("no such user: {}", name));
  }
  return user->pw_uid;
}

gid_t group_id(const dhall::Owner& owner) {
  if (const auto* id = std::get_if<dhall::Natural>(&owner)) {
    return static_cast<gid_t>(id->as_uint64());
  }
  const std::string& name = std::get<std::string>(owner);
  const group* found = ::getgrnam(name.c_str());
  if (found == nullptr) {
    throw EnvironmentError(fmt::format("no such group: {}", name));
  }
  return found->gr_gid;
}

// The permissions of `current` with the rights `mode` sets changed, the
// others kept.
fs::perms updated(fs::perms current, const dhall::Mode& mode) {
  struct Class {
    const std::optional<dhall::Access>& access;
    fs::perms read, write, execute;
  };
  using P = fs::perms;
  for (const Class& who : {Class{mode.user, P::owner_read, P::owner_write, P::owner_exec},
                           Class{mode.group, P::group_read, P::group_write, P::group_exec},
                           Class{mode.other, P::others_read, P::others_write, P::others_exec}}) {
    if (!who.access) {
      continue;
    }
    auto set = [&](const std::optional<bool>& right, P bit) {
      if (right) {
        current = *right ? current | bit : current & ~bit;
      }
    };
    set(who.access->read, who.read);
    set(who.access->write, who.write);
    set(who.access->execute, who.execute);
  }
  return current;
}

void apply_metadata(const fs::path& path, const dhall::TreeEntry& entry) {
  if (entry.mode) {
    std::error_code error;
    fs::perms current = fs::status(path).permissions();
    fs::permissions(path, updated(current, *entry.mode), fs::perm_options::replace, error);
    if (error) {
      throw EnvironmentError(
          fmt::format("cannot set the mode of {}: {}", path.string(), error.message()));
    }
  }
  if (entry.user || entry.group) {
    uid_t user = entry.user ? user_id(*entry.user) : static_cast<uid_t>(-1);
    gid_t group = entry.group ? group_id(*entry.group) : static_cast<gid_t>(-1);
    if (::lchown(path.c_str(), user, group) != 0) {
      throw EnvironmentError(
          fmt::format("cannot set the owner of {}: {}", path.string(),
                      std::error_code(errno, std::generic_category()).message()));
    }
  }
}

ExitCode run_directory_tree(const TreeArguments& arguments) {
  auto loaded = load_input(arguments.input, make_load_options(arguments.imports));
  auto entries =
      dhall::directory_tree_entries(loaded.normal_form(), arguments.allow_path_separators);
  const fs::path& root = arguments.output;
  if (fs::exists(status_of(root)) && !fs::is_directory(fs::status(root))) {
    throw EnvironmentError(fmt::format("--output {} is not a folder", root.string()));
  }
  std::set<std::string> ours;
  try {
    if (auto record = chart::read_written_files(root)) {
      ours.insert(record->begin(), record->end());
    }
  } catch (const chart::ChartError& error) {
    throw EnvironmentError(error.what());
  }
  // Everything is checked before anything is written.
  if (auto problems = conflicts(root, entries, ours); !problems.empty()) {
    std::string message = "to-directory-tree wrote nothing:";
    for (const std::string& problem : problems) {
      message += "\n  " + problem;
    }
    throw EnvironmentError(message);
  }
  fs::create_directories(root);
  bool wrote = false;
  for (const dhall::TreeEntry& entry : entries) {
    fs::path path = root / entry.path;
    if (entry.kind == dhall::TreeEntry::Kind::directory) {
      fs::create_directories(path);
    } else {
      // A file already there with these contents stays as it is, and stays
      // someone else's unless polar-helm wrote it.
      auto current = dhall::read_regular_file(path);
      if (!current || *current != entry.content) {
        try {
          dhall::write_file_atomically(path, entry.content, dhall::Durability::unflushed);
        } catch (const dhall::Error& error) {
          throw EnvironmentError(error.message());
        }
        wrote = wrote || !ours.contains(entry.path);
        ours.insert(entry.path);
      }
    }
    apply_metadata(path, entry);
  }
  if (wrote) {
    chart::write_written_files(root, std::vector<std::string>(ours.begin(), ours.end()));
  }
  return exit_ok;
}

} // namespace

void register_directory_tree_command(CLI::App& app, ExitCode& exit_code) {
  auto arguments = std::make_shared<TreeArguments>();
  auto* tree = app.add_subcommand(
      "to-directory-tree",
      "Write the files and folders an expression describes (a record of Text/Bytes, or "
      "Prelude's DirectoryTree with owners and modes) below --output");
  tree->add_option("--file", arguments->input.file,
                   "Read the expression from this file (default: stdin)");
  tree->add_option("--output", arguments->output, "The folder to write into")->required();
  tree->add_flag("--allow-path-separators", arguments->allow_path_separators,
                 "Allow `/` in names, creating the folders between (never `..` or `.`)");
  add_memory_limit_option(*tree);
  add_import_options(*tree, arguments->imports);
  tree->callback([arguments, &exit_code] {
    exit_code = reporting({.subject = input_name(arguments->input)},
                          [&] { return run_directory_tree(*arguments); });
  });
}

} // namespace polar::cli
