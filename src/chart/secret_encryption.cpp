#include "chart/secret_encryption.h"

#include <algorithm>
#include <fstream>
#include <iterator>

#include "chart/glob.h"
#include "secrets/error.h"
#include "secrets/filter_command.h"
#include "secrets/identities.h"
#include "secrets/sops_config.h"
#include "secrets/sops_detect.h"
#include "secrets/sops_file.h"
#include "secrets/stable_output.h"
#include "secrets/yaml_reader.h"

namespace polar::chart {

namespace fs = std::filesystem;

namespace {

std::string read_config(const fs::path& path) {
  std::ifstream stream(path, std::ios::binary);
  if (!stream) {
    throw secrets::Error(secrets::ErrorKind::input, "cannot read " + path.string());
  }
  return {std::istreambuf_iterator<char>(stream), {}};
}

std::vector<std::string> sorted_recipients(const secrets::SopsMetadata& metadata) {
  std::vector<std::string> recipients;
  for (const auto& [recipient, enc] : metadata.age) {
    recipients.push_back(recipient.to_string());
  }
  std::sort(recipients.begin(), recipients.end());
  return recipients;
}

// Whether `previous` can stand for `fresh`, the command's encryption of
// `plaintext`: the same age recipients and rule, and (opened with an
// identity) the same content. Why not, otherwise.
std::optional<std::string> reason_to_replace(std::string_view plaintext, const std::string& fresh,
                                             const std::string& previous) {
  try {
    secrets::SopsFile old_file = secrets::read_sops_file(previous, "the previous file");
    secrets::SopsFile new_file = secrets::read_sops_file(fresh, "the command's output");
    if (sorted_recipients(old_file.metadata) != sorted_recipients(new_file.metadata) ||
        old_file.metadata.scope != new_file.metadata.scope) {
      return "the recipients or the rule of which values are encrypted changed";
    }
    std::vector<secrets::AgeIdentity> identities = secrets::identities_from_environment();
    if (identities.empty()) {
      return "no age identity to open the previous file (set SOPS_AGE_KEY_FILE)";
    }
    if (secrets::decrypt_sops_file(old_file, identities) !=
        secrets::read_yaml_documents(plaintext, "the rendered secret")) {
      return "the content changed";
    }
    return std::nullopt;
  } catch (const secrets::Error& error) {
    return std::string("it cannot be compared: ") + error.what();
  }
}

EncryptedSecret encrypt_with_command(std::string_view plaintext, std::string_view name,
                                     const std::vector<std::string>& command,
                                     const std::optional<std::string>& previous) {
  std::string fresh = secrets::run_filter_command(command, plaintext);
  // A command that does not encrypt (a typo, `cat`) must not put plaintext in the chart.
  if (!secrets::is_sops_file(fresh)) {
    throw secrets::Error(secrets::ErrorKind::command,
                         std::string(name) + ": the output of the encrypt command " + command[0] +
                             " is not a sops-encrypted YAML file (no top-level sops: with a mac)");
  }
  if (!previous) {
    return {std::move(fresh), {}};
  }
  if (std::optional<std::string> reason = reason_to_replace(plaintext, fresh, *previous)) {
    return {std::move(fresh), std::move(*reason)};
  }
  return {*previous, {}};
}

} // namespace

secrets::EncryptOptions native_encrypt_options(const SecretEncryption& encryption) {
  secrets::EncryptOptions options;
  if (!encryption.age_recipients.empty()) {
    for (const std::string& recipient : encryption.age_recipients) {
      options.recipients.push_back(secrets::AgeRecipient::parse(recipient));
    }
    options.scope = secrets::age_encryption_scope(encryption.encrypted_regex);
    return options;
  }
  const fs::path& file = *encryption.sops_config_for;
  std::optional<fs::path> config = secrets::find_sops_config(file);
  if (!config) {
    throw secrets::Error(secrets::ErrorKind::input,
                         "no .sops.yaml at or above " + file.parent_path().string());
  }
  secrets::CreationRule rule = secrets::creation_rule_for(read_config(*config), *config, file);
  options.recipients = std::move(rule.recipients);
  options.scope = std::move(rule.scope);
  return options;
}

EncryptedSecret encrypt_secret(std::string_view plaintext, std::string_view name,
                               const SecretEncryption& encryption,
                               const std::optional<std::string>& previous) {
  if (!encryption.command.empty()) {
    return encrypt_with_command(plaintext, name, encryption.command, previous);
  }
  if (!encryption.configured()) {
    throw secrets::Error(secrets::ErrorKind::input,
                         std::string(name) + ": no encryption configured for a secret");
  }
  secrets::EncryptOptions options = native_encrypt_options(encryption);
  std::vector<secrets::Node> documents = secrets::read_yaml_documents(plaintext, name);
  // Identities only matter for keeping a previous file.
  std::vector<secrets::AgeIdentity> identities;
  if (previous) {
    identities = secrets::identities_from_environment();
  }
  secrets::StableResult result = secrets::encrypt_stable(documents, options, previous, identities);
  return {std::move(result.text), result.kept_previous || !previous ? "" : result.reason};
}

bool SecretPolicy::is_secret(std::string_view relative_source) const {
  return !pattern.empty() && glob_matches(pattern, relative_source);
}

std::optional<fs::path> sops_rule_path(const fs::path& chart_file, const fs::path& source) {
  for (const fs::path& candidate : {chart_file, source}) {
    if (secrets::find_sops_config(candidate)) {
      return candidate;
    }
  }
  return std::nullopt;
}

} // namespace polar::chart
