#pragma once
// Comparing two encrypted (sops) files of a chart by what they hold rather
// than their bytes: each encryption has fresh keys and IVs, so equal bytes
// mean nothing and different bytes do not mean a change. With an age
// identity the values are compared; without one only the masked structure
// (docs/secrets.md, "Without an identity").
#include <string>
#include <string_view>
#include <vector>

#include "secrets/age_keys.h"

namespace polar::chart {

enum class SecretMatch {
  same,           // decrypted: same content, recipients and rule
  same_structure, // not decrypted: same keys, types, recipients and rule
  different,
};

// Both texts must be sops files (secrets::is_sops_file). `identities` may be
// empty; when they do not open both files, the structure decides.
SecretMatch compare_encrypted(std::string_view generated, std::string_view committed,
                              const std::vector<secrets::AgeIdentity>& identities);

// The structure of a sops file with its values masked, for diffs that show
// what changed without ciphertext noise (and without values).
std::string masked_text(std::string_view encrypted, std::string_view name);

} // namespace polar::chart
