#include "chart/secret_placeholder.h"

#include <array>
#include <cstdlib>
#include <utility>
#include <vector>

#include "chart/detail/text_diff.h"
#include "chart/files.h"
#include "secrets/error.h"
#include "secrets/sops_file.h"
#include "secrets/stable_output.h"
#include "secrets/yaml_reader.h"

namespace polar::chart {

bool secrets_placeholder_requested() {
  const char* value = std::getenv(secrets_placeholder_variable); // NOLINT(concurrency-mt-unsafe)
  std::string_view text = value == nullptr ? "" : value;
  if (text.empty() || text == "0" || text == "false" || text == "no") {
    return false;
  }
  if (text == "1" || text == "true" || text == "yes") {
    return true;
  }
  throw ChartError(std::string(secrets_placeholder_variable) +
                   ": expected 1, true or yes (or 0, false, no, empty)");
}

dhall::EnvironmentLookup with_secret_placeholders(dhall::EnvironmentLookup lookup) {
  return [lookup = std::move(lookup)](const std::string& name) -> std::optional<std::string> {
    std::optional<std::string> value = lookup(name);
    static constexpr std::array<std::string_view, 3> resolver_reads = {"HOME", "XDG_CACHE_HOME",
                                                                       "XDG_CONFIG_HOME"};
    if (value ||
        std::find(resolver_reads.begin(), resolver_reads.end(), name) != resolver_reads.end()) {
      return value;
    }
    return std::string(secret_placeholder);
  };
}

std::string check_placeholder_secret(std::string_view plaintext, std::string_view name,
                                     const SecretEncryption& encryption,
                                     const std::optional<std::string>& committed) {
  const std::string mode = std::string(name) + ": secrets placeholder mode: ";
  if (!committed) {
    throw secrets::Error(secrets::ErrorKind::input,
                         mode + "no committed encrypted copy to check the placeholder render "
                                "against; build once with the secret values and sync it (a "
                                "chart without SYNC_DIR leaves secrets out in CI: "
                                "EXCLUDE_SECRETS)");
  }
  secrets::SopsFile committed_file = secrets::read_sops_file(*committed, "the committed copy");
  secrets::EncryptOptions options;
  if (encryption.command.empty()) {
    options = native_encrypt_options(encryption);
  } else {
    // What the command encrypts for is only known from its output.
    for (const auto& [recipient, enc] : committed_file.metadata.age) {
      options.recipients.push_back(recipient);
    }
    options.scope = committed_file.metadata.scope;
  }
  // Encrypting needs only the public keys: the placeholder's structure, in
  // the form the committed file is masked to. The ciphertext is dropped.
  std::string placeholder =
      secrets::encrypt_sops_file(secrets::read_yaml_documents(plaintext, name), options);
  std::string expected = secrets::masked_structure(placeholder, "the placeholder render");
  std::string found = secrets::masked_structure(*committed, "the committed copy");
  if (expected != found) {
    throw secrets::Error(
        secrets::ErrorKind::input,
        mode +
            "the committed copy does not have the structure the sources generate (documents, "
            "keys, value types, recipients or rule; values masked):\n" +
            unified_diff(found, expected, "committed", "generated") +
            "build with the secret values and sync to update it");
  }
  return *committed;
}

} // namespace polar::chart
