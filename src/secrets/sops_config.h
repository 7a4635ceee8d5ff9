#pragma once
// Recipients from a `.sops.yaml`, found and matched as sops does: the
// nearest `.sops.yaml` in the folder of a path or above it; the first
// `creation_rules` item whose `path_regex` matches the path relative to the
// config's folder (no `path_regex`: matches everything).
#include <filesystem>
#include <optional>
#include <string_view>
#include <vector>

#include "secrets/age_keys.h"
#include "secrets/sops_file.h"

namespace polar::secrets {

struct CreationRule {
  std::vector<AgeRecipient> recipients;
  EncryptionScope scope;
};

// The nearest .sops.yaml at or above `start` (a file or folder), if any.
std::optional<std::filesystem::path> find_sops_config(const std::filesystem::path& start);

// The rule of `config_text` (read from `config_path`) for `file`.
// Error(input) when no rule matches, the matching rule has no age
// recipients, or it uses settings the built-in encryption does not support.
CreationRule creation_rule_for(std::string_view config_text,
                               const std::filesystem::path& config_path,
                               const std::filesystem::path& file);

} // namespace polar::secrets
