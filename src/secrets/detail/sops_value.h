#pragma once
// One encrypted sops value: ENC[AES256_GCM,data:<b64>,iv:<b64>,tag:<b64>,type:<t>],
// AES-256-GCM under the file's data key with a fresh 32-byte IV, and as
// additional data the path of keys to the value (`a:b:c:`, list indices
// left out) or, for the MAC, the `lastmodified` time.
#include <string>
#include <string_view>

#include "secrets/bytes.h"
#include "secrets/detail/tree.h"

namespace polar::secrets {

// Does `text` have the shape of an encrypted value (not checked further)?
bool is_sops_value(std::string_view text);

// The ENC[...] text for `scalar` (not null). sops leaves empty strings
// as they are, and so does this: it returns "".
std::string encrypt_sops_value(const Scalar& scalar, ByteView data_key,
                               std::string_view additional_data);

// The scalar inside `text`; "" decrypts to the empty string. Throws
// Error(input) for a malformed value, Error(integrity) when the tag does
// not match (tampered, moved to another key, or a different data key).
Scalar decrypt_sops_value(std::string_view text, ByteView data_key,
                          std::string_view additional_data);

} // namespace polar::secrets
