#pragma once
// SHA-256 digests and the semantic hash of an expression (the integrity
// checks of imports, and the keys of the standard cache).
#include <cstdint>
#include <memory>
#include <span>
#include <string>

#include "binary/encoding.h"
#include "syntax/expr.h"

namespace polar::dhall {

// SHA-256 of the bytes written into it.
class Sha256Sink final : public ByteSink {
public:
  Sha256Sink();
  Sha256Sink(const Sha256Sink&) = delete;
  Sha256Sink& operator=(const Sha256Sink&) = delete;
  ~Sha256Sink() override;
  void write(std::span<const std::uint8_t> bytes) override;
  Sha256 digest() &&;

private:
  struct Context; // OpenSSL's, out of this header
  std::unique_ptr<Context> context_;
};

Sha256 sha256(std::span<const std::uint8_t> bytes);
// The digest of the bytes `encoding` stands for, streamed: never laid out.
Sha256 sha256(const Encoding& encoding);
// Lowercase hexadecimal, 64 characters.
std::string to_hex(const Sha256& digest);
// The digest of the encoding of `normal_form`, which streams into SHA-256
// as it is made (encode_to). The caller passes the alpha-beta-normal form:
// the hash of anything else means nothing.
Sha256 semantic_digest(const Expr& normal_form);
// "sha256:<hex>" of the same.
std::string semantic_hash(const Expr& normal_form);

} // namespace polar::dhall
