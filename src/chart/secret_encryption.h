#pragma once
// Secret files of a chart (`*-secret.dhall` by default): their rendered YAML
// is encrypted in memory before anything is written, by an external command
// or natively for age recipients (given, or from the creation rule of a
// .sops.yaml), keeping the previous encrypted file when its content is
// unchanged. See docs/secrets.md, "Secrets in charts".
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "secrets/sops_file.h"

namespace polar::chart {

// How secret files are encrypted, in order of preference: `command`, then
// `age_recipients`, then the .sops.yaml rule for `sops_config_for`.
struct SecretEncryption {
  std::vector<std::string> command;                     // argv of ENCRYPT_COMMAND
  std::vector<std::string> age_recipients;              // age1...
  std::optional<std::filesystem::path> sops_config_for; // the file the rule is matched for
  // With `age_recipients`: which keys' values are encrypted (sops's
  // encrypted_regex); unset: `^(data|stringData)$`, empty: every value.
  std::optional<std::string> encrypted_regex;

  bool configured() const {
    return !command.empty() || !age_recipients.empty() || sops_config_for.has_value();
  }
};

struct EncryptedSecret {
  std::string text;
  // Set when a previous file was given but not kept: why (never a value).
  std::string replaced_because;
};

// Encrypts `plaintext` (the YAML of one secret file). `previous`, the current
// encrypted file, is returned unchanged when an age identity from the
// environment opens it, its content equals `plaintext` and it is encrypted
// for the same recipients and rule as a new file would be. Throws
// secrets::Error; its message names `name` and never holds a value.
EncryptedSecret encrypt_secret(std::string_view plaintext, std::string_view name,
                               const SecretEncryption& encryption,
                               const std::optional<std::string>& previous);

// The recipients and rule of the built-in encryption: `age_recipients` with
// the scope of `encrypted_regex`, or the creation rule for
// `sops_config_for`. Throws secrets::Error.
secrets::EncryptOptions native_encrypt_options(const SecretEncryption& encryption);

enum class SecretMode {
  encrypt,   // the default: a secret file is encrypted or the build fails
  exclude,   // secret files are not rendered at all
  plaintext, // explicit opt-in: rendered as they are, with a warning
};

// What `polar-helm chart` does with secret files.
struct SecretPolicy {
  std::string pattern = "*-secret.dhall"; // matched as chart/glob.h, on the source path
  SecretMode mode = SecretMode::encrypt;
  std::vector<std::string> command;
  std::vector<std::string> age_recipients;
  std::optional<std::string> encrypted_regex; // with age_recipients, as in SecretEncryption
  // CI without secret values (chart/secret_placeholder.h): encrypted secrets
  // render from placeholders and must have the structure of the file
  // already in the output, which they keep.
  bool placeholder = false;

  bool is_secret(std::string_view relative_source) const;
};

// The .sops.yaml that applies to a secret rendered to `chart_file` from
// `source`: the nearest at or above `chart_file`, else at or above `source`.
// Returns the path to match the rule for, or nullopt when there is none.
std::optional<std::filesystem::path> sops_rule_path(const std::filesystem::path& chart_file,
                                                    const std::filesystem::path& source);

} // namespace polar::chart
