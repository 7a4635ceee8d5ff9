#include "variables_check.h"

#include <vector>

#include "imports/inputs.h"
#include "support/path_list.h"
#include "syntax/source.h"

namespace polar::cli {

namespace fs = std::filesystem;

std::string missing_variables_message(const fs::path& list,
                                      const dhall::EnvironmentLookup& environment) {
  std::optional<std::vector<fs::path>> sources = dhall::read_path_list(list);
  if (!sources) {
    throw dhall::Error(dhall::ErrorKind::io,
                       "cannot read " + list.string() + ": it does not exist");
  }
  dhall::LoadOptions options; // the process's directory and HOME; nothing is fetched
  std::vector<dhall::Inputs> inputs;
  for (const fs::path& source : *sources) {
    inputs.push_back(dhall::find_inputs(source, options));
  }
  std::vector<dhall::MissingVariable> missing = dhall::missing_variables(inputs, environment);
  return missing.empty() ? std::string() : dhall::describe_missing_variables(missing);
}

} // namespace polar::cli
