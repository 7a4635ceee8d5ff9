#include "chart/detail/secret_compare.h"

#include "secrets/error.h"
#include "secrets/sops_file.h"
#include "secrets/stable_output.h"

namespace polar::chart {

SecretMatch compare_encrypted(std::string_view generated, std::string_view committed,
                              const std::vector<secrets::AgeIdentity>& identities) {
  try {
    // The masks hold the keys, types, sorted recipients and rule.
    if (secrets::masked_structure(generated, "generated") !=
        secrets::masked_structure(committed, "committed")) {
      return SecretMatch::different;
    }
  } catch (const secrets::Error&) {
    // Not an age sops file this implementation reads (e.g. PGP): bytes decide.
    return generated == committed ? SecretMatch::same : SecretMatch::different;
  }
  if (identities.empty()) {
    return SecretMatch::same_structure;
  }
  try {
    std::vector<secrets::Node> generated_values =
        secrets::decrypt_sops_file(secrets::read_sops_file(generated, "generated"), identities);
    std::vector<secrets::Node> committed_values =
        secrets::decrypt_sops_file(secrets::read_sops_file(committed, "committed"), identities);
    return generated_values == committed_values ? SecretMatch::same : SecretMatch::different;
  } catch (const secrets::Error& error) {
    // A tampered file is a change; a file our identities do not open is no
    // better known than its structure.
    return error.kind() == secrets::ErrorKind::integrity ? SecretMatch::different
                                                         : SecretMatch::same_structure;
  }
}

std::string masked_text(std::string_view encrypted, std::string_view name) {
  try {
    return secrets::masked_structure(encrypted, name);
  } catch (const secrets::Error& error) {
    return std::string("# cannot read the encrypted file: ") + error.what() + "\n";
  }
}

} // namespace polar::chart
