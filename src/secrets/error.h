#pragma once
// The one exception type of the secrets module. Messages say what was wrong,
// where and what was expected, and never carry a secret or plaintext value.
#include <stdexcept>
#include <string>

namespace polar::secrets {

enum class ErrorKind {
  input,       // malformed key, age file, sops file or plaintext YAML
  integrity,   // an authentication tag or MAC does not match: tampered or wrong key
  no_identity, // no identity that can open the file
  crypto,      // the crypto library itself failed
  command,     // an external encryption command could not run or failed
};

class Error : public std::runtime_error {
public:
  Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  ErrorKind kind() const { return kind_; }

private:
  ErrorKind kind_;
};

} // namespace polar::secrets
