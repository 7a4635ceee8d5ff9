#pragma once
// Bech32 (BIP 173) as age uses it for recipients (`age1...`) and identities
// (`AGE-SECRET-KEY-1...`): the original checksum, 8-bit data in 5-bit
// groups, and no 90-character limit.
#include <string>
#include <string_view>

#include "secrets/bytes.h"

namespace polar::secrets {

struct Bech32 {
  std::string hrp; // lower case
  SecretBytes data;
};

std::string bech32_encode(std::string_view hrp, ByteView data);
// Throws Error(ErrorKind::input), saying what is wrong (but not echoing the
// text, which may be a private key), when `text` is not valid Bech32 in one
// letter case.
Bech32 bech32_decode(std::string_view text);

} // namespace polar::secrets
