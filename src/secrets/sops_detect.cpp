#include "secrets/sops_detect.h"

#include <string>

#include <yaml-cpp/yaml.h>

namespace polar::secrets {

bool is_sops_file(std::string_view text) {
  // A cheap test first: sops writes its block at the start of a line.
  if (!text.starts_with("sops:") && text.find("\nsops:") == std::string_view::npos) {
    return false;
  }
  try {
    YAML::Node document = YAML::Load(std::string(text));
    return document.IsMap() && document["sops"].IsMap() && document["sops"]["mac"].IsDefined();
  } catch (const YAML::Exception&) {
    return false;
  }
}

} // namespace polar::secrets
