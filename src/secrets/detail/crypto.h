#pragma once
// The primitives age and sops are built from, on OpenSSL's libcrypto. Every
// function throws Error(ErrorKind::crypto) when the library fails and
// Error(ErrorKind::integrity) when an authentication tag does not match.
#include <array>
#include <cstddef>
#include <string_view>

#include "secrets/bytes.h"

namespace polar::secrets {

inline constexpr std::size_t x25519_key_size = 32;
using X25519Key = std::array<std::uint8_t, x25519_key_size>;

SecretBytes random_secret(std::size_t size);
Bytes random_bytes(std::size_t size);

// The public key of an X25519 private key (scalar multiplication of the base point).
X25519Key x25519_public_key(ByteView private_key);
// X25519(private, public); Error(input) when the result is all zeros (a
// low-order public key), which age requires to be rejected.
SecretBytes x25519_shared_secret(ByteView private_key, ByteView public_key);

SecretBytes hkdf_sha256(ByteView key, ByteView salt, std::string_view info, std::size_t size);
Bytes hmac_sha256(ByteView key, ByteView message);
Bytes sha512(ByteView message);
// Equal length and equal bytes, in time independent of where they differ.
bool constant_time_equal(ByteView a, ByteView b);

// ChaCha20-Poly1305 (RFC 8439): ciphertext followed by the 16-byte tag.
inline constexpr std::size_t chacha_nonce_size = 12;
inline constexpr std::size_t aead_tag_size = 16;
Bytes chacha20_poly1305_seal(ByteView key, ByteView nonce, ByteView plaintext);
SecretBytes chacha20_poly1305_open(ByteView key, ByteView nonce, ByteView sealed);

// AES-256-GCM with an IV of any length (sops uses 32 bytes) and additional data.
struct GcmSealed {
  Bytes ciphertext;
  Bytes tag; // 16 bytes
};
GcmSealed aes256_gcm_seal(ByteView key, ByteView iv, ByteView aad, ByteView plaintext);
SecretBytes aes256_gcm_open(ByteView key, ByteView iv, ByteView aad, const GcmSealed& sealed);

} // namespace polar::secrets
