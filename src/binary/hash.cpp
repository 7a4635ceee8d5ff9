#include "binary/hash.h"

#include <openssl/evp.h>

#include "binary/encode.h"
#include "syntax/source.h"

namespace polar::dhall {

Sha256 sha256(std::span<const std::uint8_t> bytes) {
  Sha256 digest{};
  unsigned int length = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest.data(), &length, EVP_sha256(), nullptr) != 1 ||
      length != digest.size()) {
    // Only a broken OpenSSL installation gets here.
    throw Error(ErrorKind::io, "OpenSSL failed to compute a SHA-256 digest");
  }
  return digest;
}

std::string to_hex(const Sha256& digest) {
  constexpr char digits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * digest.size());
  for (std::uint8_t byte : digest) {
    hex.push_back(digits[byte >> 4]);
    hex.push_back(digits[byte & 0xf]);
  }
  return hex;
}

std::string semantic_hash(const Expr& normal_form) {
  return "sha256:" + to_hex(sha256(encode(normal_form)));
}

} // namespace polar::dhall
