#pragma once
// A push that cannot go on: the registry cannot be reached, refuses the
// credentials or the upload. The message names the registry and never holds
// a credential or token.
#include <stdexcept>

namespace polar::release {

class RegistryError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

} // namespace polar::release
