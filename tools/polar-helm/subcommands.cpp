#include "subcommands.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <initializer_list>
#include <stdexcept>
#include <string>

#include "chart_command.h"
#include "dhall_commands.h"
#include "diff_command.h"
#include "directory_tree_command.h"
#include "encrypt_command.h"
#include "environment_command.h"
#include "format_command.h"
#include "freeze_command.h"
#include "import_yaml_command.h"
#include "inputs_command.h"
#include "lint_command.h"
#include "release_commands.h"
#include "render_command.h"
#include "schema_command.h"
#include "text_command.h"
#include "validate_command.h"

namespace polar::cli {
namespace {

struct Group {
  std::initializer_list<std::string_view> names; // every subcommand `add` defines
  void (*add)(CLI::App&, ExitCode&);
};

// In the order of `polar-helm --help`.
const std::array<Group, 16> groups{{
    {{"dhall", "type", "hash", "encode", "decode"}, register_dhall_commands},
    {{"chart", "manifests", "chart-finish", "chart-sync", "chart-drift"}, add_chart_commands},
    {{"render"}, register_render_command},
    {{"encrypt", "decrypt"}, add_secrets_commands},
    {{"freeze"}, register_freeze_command},
    {{"lint"}, register_lint_command},
    {{"diff"}, register_diff_command},
    {{"text"}, register_text_command},
    {{"to-directory-tree"}, register_directory_tree_command},
    {{"format"}, register_format_command},
    {{"inputs"}, register_inputs_command},
    {{"schema"}, register_schema_command},
    {{"validate"}, register_validate_command},
    {{"import-yaml"}, register_import_yaml_command},
    {{"package", "push"}, add_release_commands},
    {{"env-check"}, add_environment_commands},
}};

bool defines(CLI::App& app, std::string_view name) {
  return !app.get_subcommands([&](CLI::App* command) { return command->get_name() == name; })
              .empty();
}

void add_group(CLI::App& app, ExitCode& exit_code, const Group& group) {
  group.add(app, exit_code);
  for (std::string_view name : group.names) {
    if (!defines(app, name)) {
      throw std::logic_error("the table of subcommands names `" + std::string(name) +
                             "`, which its group does not define");
    }
  }
}

} // namespace

void add_subcommands(CLI::App& app, ExitCode& exit_code, std::string_view first_argument) {
  for (const Group& group : groups) {
    if (std::ranges::find(group.names, first_argument) != group.names.end()) {
      add_group(app, exit_code, group);
      return;
    }
  }
  std::size_t listed = 0;
  for (const Group& group : groups) {
    add_group(app, exit_code, group);
    listed += group.names.size();
  }
  if (app.get_subcommands([](CLI::App*) { return true; }).size() != listed) {
    throw std::logic_error("a group defines a subcommand the table of subcommands does not name");
  }
}

} // namespace polar::cli
