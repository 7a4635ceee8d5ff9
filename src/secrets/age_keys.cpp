#include "secrets/age_keys.h"

#include <algorithm>

#include "secrets/detail/bech32.h"
#include "secrets/error.h"
#include "support/trim.h"

namespace polar::secrets {
namespace {

constexpr std::string_view recipient_hrp = "age";
constexpr std::string_view identity_hrp = "age-secret-key-";

} // namespace

AgeRecipient AgeRecipient::parse(std::string_view text) {
  // Recipients are public: quoting them in errors is fine and helps.
  const std::string quoted = "'" + std::string(text.substr(0, 80)) + "'";
  if (!text.starts_with("age1")) {
    throw Error(ErrorKind::input,
                "invalid age recipient " + quoted + ": expected an X25519 recipient 'age1...'");
  }
  Bech32 decoded = [&] {
    try {
      return bech32_decode(text);
    } catch (const Error& error) {
      throw Error(ErrorKind::input, "invalid age recipient " + quoted + ": " + error.what());
    }
  }();
  if (decoded.hrp != recipient_hrp || decoded.data.size() != x25519_key_size) {
    throw Error(ErrorKind::input,
                "invalid age recipient " + quoted + ": expected 32 bytes of X25519 public key");
  }
  AgeRecipient recipient;
  std::copy_n(decoded.data.data(), x25519_key_size, recipient.public_key.begin());
  return recipient;
}

std::string AgeRecipient::to_string() const {
  return bech32_encode(recipient_hrp, public_key);
}

AgeIdentity::AgeIdentity(SecretBytes private_key)
    : private_key_(std::move(private_key)), recipient_{x25519_public_key(private_key_.view())} {
}

AgeIdentity AgeIdentity::parse(std::string_view text) {
  if (!text.starts_with("AGE-SECRET-KEY-1")) {
    throw Error(ErrorKind::input,
                "invalid age identity: expected an X25519 identity 'AGE-SECRET-KEY-1...'");
  }
  // age writes identities in upper case and accepts only that.
  if (std::any_of(text.begin(), text.end(), [](char c) { return c >= 'a' && c <= 'z'; })) {
    throw Error(ErrorKind::input, "invalid age identity: expected upper case only");
  }
  Bech32 decoded = [&] {
    try {
      return bech32_decode(text);
    } catch (const Error& error) {
      throw Error(ErrorKind::input, std::string("invalid age identity: ") + error.what());
    }
  }();
  if (decoded.hrp != identity_hrp || decoded.data.size() != x25519_key_size) {
    throw Error(ErrorKind::input, "invalid age identity: expected 32 bytes of X25519 key");
  }
  return AgeIdentity(std::move(decoded.data));
}

AgeIdentity AgeIdentity::generate() {
  return AgeIdentity(random_secret(x25519_key_size));
}

std::string AgeIdentity::to_string() const {
  std::string text = bech32_encode(identity_hrp, private_key_.view());
  std::transform(text.begin(), text.end(), text.begin(),
                 [](char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c; });
  return text;
}

std::vector<AgeIdentity> parse_identities(std::string_view text, std::string_view source) {
  std::vector<AgeIdentity> identities;
  std::size_t line_number = 0;
  while (!text.empty()) {
    std::size_t end = text.find('\n');
    std::string_view line = trim(text.substr(0, end));
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    ++line_number;
    if (line.empty() || line.starts_with('#')) {
      continue;
    }
    try {
      identities.push_back(AgeIdentity::parse(line));
    } catch (const Error& error) {
      throw Error(ErrorKind::input,
                  std::string(source) + ":" + std::to_string(line_number) + ": " + error.what());
    }
  }
  if (identities.empty()) {
    throw Error(ErrorKind::no_identity,
                std::string(source) + ": no age identity (AGE-SECRET-KEY-1...) found");
  }
  return identities;
}

} // namespace polar::secrets
