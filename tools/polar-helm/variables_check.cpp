#include "variables_check.h"

#include <vector>

#include "imports/inputs.h"
#include "support/file_io.h"
#include "syntax/source.h"

namespace polar::cli {

namespace fs = std::filesystem;

std::string missing_variables_message(const fs::path& list,
                                      const dhall::EnvironmentLookup& environment) {
  std::optional<std::string> text = dhall::read_regular_file(list);
  if (!text) {
    throw dhall::Error(dhall::ErrorKind::io,
                       "cannot read " + list.string() + ": it does not exist");
  }
  dhall::LoadOptions options; // the process's directory and HOME; nothing is fetched
  std::vector<dhall::Inputs> inputs;
  std::size_t start = 0;
  while (start < text->size()) {
    std::size_t end = text->find('\n', start);
    end = end == std::string::npos ? text->size() : end;
    if (end > start) {
      inputs.push_back(dhall::find_inputs(fs::path(text->substr(start, end - start)), options));
    }
    start = end + 1;
  }
  std::vector<dhall::MissingVariable> missing = dhall::missing_variables(inputs, environment);
  return missing.empty() ? std::string() : dhall::describe_missing_variables(missing);
}

} // namespace polar::cli
