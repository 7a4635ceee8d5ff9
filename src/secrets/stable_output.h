#pragma once
// Stable output: re-encrypting unchanged plaintext keeps the previous file
// byte for byte, so that rebuilding a chart does not change its git copy.
// And, for builds without a key (CI), the structure of an encrypted file
// with the ciphertexts masked, to compare two files without decrypting
// them. See docs/secrets.md.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "secrets/age_keys.h"
#include "secrets/detail/tree.h"
#include "secrets/sops_file.h"

namespace polar::secrets {

struct StableResult {
  std::string text;
  bool kept_previous = false;
  // Why the previous file was not kept; never contains a value.
  std::string reason;
};

// `previous` is kept when `identities` open it, its MAC holds, its values
// equal `plaintext` (same keys in the same order, same types and values),
// its recipients are `options.recipients` (in any order) and its scope is
// `options.scope`. Otherwise a fresh encryption, with the reason.
StableResult encrypt_stable(const std::vector<Node>& plaintext, const EncryptOptions& options,
                            const std::optional<std::string>& previous,
                            const std::vector<AgeIdentity>& identities);

// The encrypted file as YAML in which each ENC[...] value is replaced by
// `ENC[type:<type>]` and the sops block by the sorted recipients and the
// scope (in each document of a stream): equal for two encryptions of
// plaintexts with the same structure and types. Needs no key.
std::string masked_structure(std::string_view encrypted, std::string_view source);

} // namespace polar::secrets
