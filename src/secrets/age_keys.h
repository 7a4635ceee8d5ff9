#pragma once
// age's X25519 keys in their text forms: recipients `age1...` (public) and
// identities `AGE-SECRET-KEY-1...` (private).
#include <string>
#include <string_view>
#include <vector>

#include "secrets/bytes.h"
#include "secrets/detail/crypto.h"

namespace polar::secrets {

struct AgeRecipient {
  X25519Key public_key{};

  // Throws Error(input) naming what is wrong with `text`.
  static AgeRecipient parse(std::string_view text);
  std::string to_string() const; // age1...

  friend bool operator==(const AgeRecipient&, const AgeRecipient&) = default;
};

class AgeIdentity {
public:
  // Throws Error(input); the message never contains the key.
  static AgeIdentity parse(std::string_view text);
  static AgeIdentity generate();

  std::string to_string() const; // AGE-SECRET-KEY-1...
  const AgeRecipient& recipient() const { return recipient_; }
  ByteView private_key() const { return private_key_.view(); }

private:
  AgeIdentity(SecretBytes private_key);

  SecretBytes private_key_;
  AgeRecipient recipient_;
};

// The identities of an age key file (as age-keygen writes it): one per line,
// `#` comments and blank lines skipped. `source` names the file in errors.
std::vector<AgeIdentity> parse_identities(std::string_view text, std::string_view source);

} // namespace polar::secrets
