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
namespace {

[[noreturn]] void fail() {
  // Only a broken OpenSSL installation gets here.
  throw Error(ErrorKind::io, "OpenSSL failed to compute a SHA-256 digest");
}

} // namespace

struct Sha256Sink::Context {
  SHA256_CTX state;
};

Sha256Sink::Sha256Sink() : context_(std::make_unique<Context>()) {
  if (SHA256_Init(&context_->state) != 1) {
    fail();
  }
}

Sha256Sink::~Sha256Sink() = default;

void Sha256Sink::write(std::span<const std::uint8_t> bytes) {
  if (SHA256_Update(&context_->state, bytes.data(), bytes.size()) != 1) {
    fail();
  }
}

Sha256 Sha256Sink::digest() && {
  static_assert(std::tuple_size_v<Sha256> == SHA256_DIGEST_LENGTH);
  Sha256 digest{};
  if (SHA256_Final(digest.data(), &context_->state) != 1) {
    fail();
  }
  return digest;
}

Sha256 sha256(std::span<const std::uint8_t> bytes) {
  Sha256Sink sink;
  sink.write(bytes);
  return std::move(sink).digest();
}

Sha256 sha256(const Encoding& encoding) {
  Sha256Sink sink;
  encoding.write_to(sink);
  return std::move(sink).digest();
}

Sha256 semantic_digest(const Expr& normal_form) {
  Sha256Sink sink;
  encode_to(normal_form, sink);
  return std::move(sink).digest();
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
  return "sha256:" + to_hex(semantic_digest(normal_form));
}

} // namespace polar::dhall
