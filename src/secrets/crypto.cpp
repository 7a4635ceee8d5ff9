#include "secrets/detail/crypto.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/kdf.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include <algorithm>
#include <memory>
#include <string>

#include "secrets/error.h"

namespace polar::secrets {
namespace {

template <auto free_function>
struct Deleter {
  template <typename T>
  void operator()(T* pointer) const {
    free_function(pointer);
  }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using PkeyContextPtr = std::unique_ptr<EVP_PKEY_CTX, Deleter<EVP_PKEY_CTX_free>>;
using CipherContextPtr = std::unique_ptr<EVP_CIPHER_CTX, Deleter<EVP_CIPHER_CTX_free>>;
using KdfPtr = std::unique_ptr<EVP_KDF, Deleter<EVP_KDF_free>>;
using KdfContextPtr = std::unique_ptr<EVP_KDF_CTX, Deleter<EVP_KDF_CTX_free>>;

void check(bool ok, const char* what) {
  if (!ok) {
    throw Error(ErrorKind::crypto, std::string("OpenSSL failed: ") + what);
  }
}

int length(std::size_t size) {
  check(size <= 0x7fffffff, "input too large");
  return static_cast<int>(size);
}

PkeyPtr x25519_private(ByteView key) {
  if (key.size() != x25519_key_size) {
    throw Error(ErrorKind::input, "an X25519 private key must be 32 bytes");
  }
  PkeyPtr pkey(EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, nullptr, key.data(), key.size()));
  check(pkey != nullptr, "X25519 private key");
  return pkey;
}

// The shared parts of the two AEADs: OpenSSL's EVP interface with the tag
// set or read through a control call.
class Aead {
public:
  Aead(const EVP_CIPHER* cipher, bool encrypt, ByteView key, ByteView iv)
      : context_(EVP_CIPHER_CTX_new()) {
    check(key.size() == 32, "AEAD key size");
    check(context_ != nullptr, "cipher context");
    check(EVP_CipherInit_ex(context_.get(), cipher, nullptr, nullptr, nullptr, encrypt ? 1 : 0) ==
              1,
          "cipher init");
    check(EVP_CIPHER_CTX_ctrl(context_.get(), EVP_CTRL_AEAD_SET_IVLEN, length(iv.size()),
                              nullptr) == 1,
          "IV length");
    check(EVP_CipherInit_ex(context_.get(), nullptr, nullptr, key.data(), iv.data(), -1) == 1,
          "cipher key");
  }

  void additional_data(ByteView aad) {
    int written = 0;
    if (!aad.empty()) {
      check(EVP_CipherUpdate(context_.get(), nullptr, &written, aad.data(), length(aad.size())) ==
                1,
            "additional data");
    }
  }

  // Runs the cipher over `input` into `output` (same size).
  void update(ByteView input, std::uint8_t* output) {
    int written = 0;
    if (!input.empty()) {
      check(EVP_CipherUpdate(context_.get(), output, &written, input.data(),
                             length(input.size())) == 1,
            "cipher update");
    }
  }

  Bytes seal_tag() {
    int written = 0;
    std::uint8_t rest[16];
    check(EVP_CipherFinal_ex(context_.get(), rest, &written) == 1, "cipher final");
    Bytes tag(aead_tag_size);
    check(EVP_CIPHER_CTX_ctrl(context_.get(), EVP_CTRL_AEAD_GET_TAG, aead_tag_size, tag.data()) ==
              1,
          "tag");
    return tag;
  }

  // False when the tag does not authenticate the data.
  bool verify_tag(ByteView tag) {
    check(tag.size() == aead_tag_size, "tag size");
    check(EVP_CIPHER_CTX_ctrl(context_.get(), EVP_CTRL_AEAD_SET_TAG, aead_tag_size,
                              const_cast<std::uint8_t*>(tag.data())) == 1,
          "tag");
    int written = 0;
    std::uint8_t rest[16];
    return EVP_CipherFinal_ex(context_.get(), rest, &written) == 1;
  }

private:
  CipherContextPtr context_;
};

} // namespace

void SecretBytes::wipe() {
  if (!bytes_.empty()) {
    OPENSSL_cleanse(bytes_.data(), bytes_.size());
  }
}

SecretBytes random_secret(std::size_t size) {
  SecretBytes bytes(size);
  check(RAND_bytes(bytes.data(), length(size)) == 1, "random bytes");
  return bytes;
}

Bytes random_bytes(std::size_t size) {
  Bytes bytes(size);
  check(RAND_bytes(bytes.data(), length(size)) == 1, "random bytes");
  return bytes;
}

X25519Key x25519_public_key(ByteView private_key) {
  PkeyPtr pkey = x25519_private(private_key);
  X25519Key public_key{};
  std::size_t size = public_key.size();
  check(EVP_PKEY_get_raw_public_key(pkey.get(), public_key.data(), &size) == 1 &&
            size == public_key.size(),
        "X25519 public key");
  return public_key;
}

SecretBytes x25519_shared_secret(ByteView private_key, ByteView public_key) {
  if (public_key.size() != x25519_key_size) {
    throw Error(ErrorKind::input, "an X25519 public key must be 32 bytes");
  }
  PkeyPtr own = x25519_private(private_key);
  PkeyPtr peer(
      EVP_PKEY_new_raw_public_key(EVP_PKEY_X25519, nullptr, public_key.data(), public_key.size()));
  check(peer != nullptr, "X25519 public key");
  PkeyContextPtr context(EVP_PKEY_CTX_new(own.get(), nullptr));
  check(context != nullptr && EVP_PKEY_derive_init(context.get()) == 1, "X25519 derive");
  check(EVP_PKEY_derive_set_peer(context.get(), peer.get()) == 1, "X25519 peer");
  SecretBytes shared(x25519_key_size);
  std::size_t size = shared.size();
  // OpenSSL refuses an all-zero result itself; the explicit check below
  // keeps the rule visible and independent of the library version.
  if (EVP_PKEY_derive(context.get(), shared.data(), &size) != 1 || size != shared.size() ||
      std::all_of(shared.data(), shared.data() + size, [](std::uint8_t b) { return b == 0; })) {
    throw Error(ErrorKind::input, "X25519 share is a low-order point");
  }
  return shared;
}

SecretBytes hkdf_sha256(ByteView key, ByteView salt, std::string_view info, std::size_t size) {
  KdfPtr kdf(EVP_KDF_fetch(nullptr, "HKDF", nullptr));
  check(kdf != nullptr, "HKDF");
  KdfContextPtr context(EVP_KDF_CTX_new(kdf.get()));
  check(context != nullptr, "HKDF context");
  char digest[] = "SHA256";
  std::string info_copy(info);
  // OpenSSL's HKDF wants a non-null salt pointer even when it is empty.
  std::uint8_t empty = 0;
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest, 0),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, const_cast<std::uint8_t*>(key.data()),
                                        key.size()),
      OSSL_PARAM_construct_octet_string(
          OSSL_KDF_PARAM_SALT, salt.empty() ? &empty : const_cast<std::uint8_t*>(salt.data()),
          salt.size()),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, info_copy.data(), info_copy.size()),
      OSSL_PARAM_construct_end(),
  };
  SecretBytes out(size);
  check(EVP_KDF_derive(context.get(), out.data(), size, params) == 1, "HKDF derive");
  return out;
}

Bytes hmac_sha256(ByteView key, ByteView message) {
  Bytes out(32);
  unsigned int size = 0;
  check(HMAC(EVP_sha256(), key.data(), length(key.size()), message.data(), message.size(),
             out.data(), &size) != nullptr &&
            size == out.size(),
        "HMAC-SHA256");
  return out;
}

Bytes sha512(ByteView message) {
  Bytes out(64);
  unsigned int size = 0;
  check(EVP_Digest(message.data(), message.size(), out.data(), &size, EVP_sha512(), nullptr) == 1,
        "SHA-512");
  return out;
}

bool constant_time_equal(ByteView a, ByteView b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

Bytes chacha20_poly1305_seal(ByteView key, ByteView nonce, ByteView plaintext) {
  Aead aead(EVP_chacha20_poly1305(), true, key, nonce);
  Bytes out(plaintext.size());
  aead.update(plaintext, out.data());
  Bytes tag = aead.seal_tag();
  out.insert(out.end(), tag.begin(), tag.end());
  return out;
}

SecretBytes chacha20_poly1305_open(ByteView key, ByteView nonce, ByteView sealed) {
  if (sealed.size() < aead_tag_size) {
    throw Error(ErrorKind::input, "ChaCha20-Poly1305 ciphertext shorter than its tag");
  }
  std::size_t size = sealed.size() - aead_tag_size;
  Aead aead(EVP_chacha20_poly1305(), false, key, nonce);
  SecretBytes out(size);
  aead.update(sealed.first(size), out.data());
  if (!aead.verify_tag(sealed.subspan(size))) {
    throw Error(ErrorKind::integrity, "ChaCha20-Poly1305 authentication failed");
  }
  return out;
}

GcmSealed aes256_gcm_seal(ByteView key, ByteView iv, ByteView aad, ByteView plaintext) {
  Aead aead(EVP_aes_256_gcm(), true, key, iv);
  aead.additional_data(aad);
  GcmSealed sealed{Bytes(plaintext.size()), {}};
  aead.update(plaintext, sealed.ciphertext.data());
  sealed.tag = aead.seal_tag();
  return sealed;
}

SecretBytes aes256_gcm_open(ByteView key, ByteView iv, ByteView aad, const GcmSealed& sealed) {
  if (sealed.tag.size() != aead_tag_size) {
    throw Error(ErrorKind::input, "an AES-GCM tag must be 16 bytes");
  }
  Aead aead(EVP_aes_256_gcm(), false, key, iv);
  aead.additional_data(aad);
  SecretBytes out(sealed.ciphertext.size());
  aead.update(sealed.ciphertext, out.data());
  if (!aead.verify_tag(sealed.tag)) {
    throw Error(ErrorKind::integrity, "AES-GCM authentication failed");
  }
  return out;
}

} // namespace polar::secrets
