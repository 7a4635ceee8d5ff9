#include "secrets/detail/sops_value.h"

#include <optional>

#include "secrets/base64.h"
#include "secrets/detail/crypto.h"
#include "secrets/detail/scalar.h"
#include "secrets/error.h"

namespace polar::secrets {
namespace {

constexpr std::string_view prefix = "ENC[AES256_GCM,data:";
constexpr std::size_t iv_size = 32; // sops's nonce size

[[noreturn]] void malformed(const std::string& what) {
  throw Error(ErrorKind::input, "malformed sops value: " + what);
}

// The text after `name:` up to the next comma (or the end).
std::string_view take_field(std::string_view& rest, std::string_view name, bool last) {
  if (!rest.starts_with(name) || rest.size() <= name.size() || rest[name.size()] != ':') {
    malformed("expected the field '" + std::string(name) + "'");
  }
  rest.remove_prefix(name.size() + 1);
  std::size_t end = last ? rest.size() : rest.find(',');
  if (end == std::string_view::npos) {
    malformed("expected ',' after the field '" + std::string(name) + "'");
  }
  std::string_view value = rest.substr(0, end);
  rest.remove_prefix(last ? end : end + 1);
  return value;
}

Bytes decode(std::string_view text, const char* what) {
  std::optional<Bytes> bytes = base64_decode(text, Padding::with);
  if (!bytes) {
    malformed(std::string("invalid base64 in ") + what);
  }
  return std::move(*bytes);
}

} // namespace

bool is_sops_value(std::string_view text) {
  return text.starts_with(prefix) && text.ends_with(']');
}

std::string encrypt_sops_value(const Scalar& scalar, ByteView data_key,
                               std::string_view additional_data) {
  if (scalar.type == ScalarType::string && scalar.text.empty()) {
    return "";
  }
  Bytes iv = random_bytes(iv_size);
  GcmSealed sealed =
      aes256_gcm_seal(data_key, iv, as_bytes(additional_data), as_bytes(scalar.text));
  return std::string(prefix) + base64_encode(sealed.ciphertext, Padding::with) +
         ",iv:" + base64_encode(iv, Padding::with) +
         ",tag:" + base64_encode(sealed.tag, Padding::with) +
         ",type:" + std::string(sops_type_name(scalar.type)) + "]";
}

Scalar decrypt_sops_value(std::string_view text, ByteView data_key,
                          std::string_view additional_data) {
  if (text.empty()) {
    return {ScalarType::string, ""};
  }
  if (!is_sops_value(text)) {
    malformed("expected ENC[AES256_GCM,data:...,iv:...,tag:...,type:...]");
  }
  std::string_view rest = text.substr(4, text.size() - 5); // inside ENC[...]
  rest.remove_prefix(std::string_view("AES256_GCM,").size());
  GcmSealed sealed;
  sealed.ciphertext = decode(take_field(rest, "data", false), "data");
  Bytes iv = decode(take_field(rest, "iv", false), "iv");
  sealed.tag = decode(take_field(rest, "tag", false), "tag");
  std::string_view type = take_field(rest, "type", true);
  if (iv.empty()) {
    malformed("empty iv");
  }
  SecretBytes plain = aes256_gcm_open(data_key, iv, as_bytes(additional_data), sealed);
  return scalar_of_type(type, as_text(plain.view()));
}

} // namespace polar::secrets
