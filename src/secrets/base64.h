#pragma once
// Base64 (RFC 4648, standard alphabet): padded as sops and age's armor write
// it, unpadded as age headers write it. Decoding is strict: only canonical
// encodings are accepted, since age requires it and sops never writes others.
#include <optional>
#include <string>
#include <string_view>

#include "secrets/bytes.h"

namespace polar::secrets {

enum class Padding { with, without };

std::string base64_encode(ByteView bytes, Padding padding);
// nullopt when `text` is not the canonical encoding of some bytes.
std::optional<Bytes> base64_decode(std::string_view text, Padding padding);

} // namespace polar::secrets
