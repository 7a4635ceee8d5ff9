#pragma once
// The age v1 file format (https://age-encryption.org/v1) with X25519
// recipients, and its ASCII armor: what sops stores as each recipient's
// `enc`. Payloads are small (a sops data key), but any size works.
#include <string>
#include <string_view>
#include <vector>

#include "secrets/age_keys.h"
#include "secrets/bytes.h"

namespace polar::secrets {

// A binary age file that opens with any of `recipients` (at least one).
Bytes age_encrypt(ByteView payload, const std::vector<AgeRecipient>& recipients);

// Opens a binary age file with the first of `identities` that fits. Throws
// Error(input) for a malformed file, Error(no_identity) when no identity
// matches a stanza, Error(integrity) when the header MAC or the payload does
// not authenticate.
SecretBytes age_decrypt(ByteView file, const std::vector<AgeIdentity>& identities);

// The PEM-like armor: BEGIN/END lines around padded base64 in 64-column
// lines, ending with a line break.
std::string age_armor(ByteView file);
// The binary file inside an armor; strict like age (Error(input)).
Bytes age_dearmor(std::string_view text);

} // namespace polar::secrets
