#include "binary/hash.h"

// SHA256_Init/Update/Final are deprecated in OpenSSL 3 in favour of EVP, but
// EVP's first digest in a process loads the configuration and the default
// provider: 1.3 ms, as long as hashing the 2.5 MB dhall-kubernetes package
// (docs/binary.md, "Hashing"). The low-level functions run the same
// SHA-NI/AVX2 code without that set-up.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>

#include "binary/encode.h"
#include "syntax/source.h"

namespace polar::dhall {

Sha256 sha256(std::span<const std::uint8_t> bytes) {
  static_assert(std::tuple_size_v<Sha256> == SHA256_DIGEST_LENGTH);
  Sha256 digest{};
  SHA256_CTX context;
  if (SHA256_Init(&context) != 1 || SHA256_Update(&context, bytes.data(), bytes.size()) != 1 ||
      SHA256_Final(digest.data(), &context) != 1) {
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
