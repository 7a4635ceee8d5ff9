#pragma once
// SHA-256 digests and the semantic hash of an expression (the integrity
// checks of imports, and the keys of the standard cache).
#include <cstdint>
#include <span>
#include <string>

#include "syntax/expr.h"

namespace polar::dhall {

Sha256 sha256(std::span<const std::uint8_t> bytes);
// Lowercase hexadecimal, 64 characters.
std::string to_hex(const Sha256& digest);
// "sha256:<hex>" of the encoding of `normal_form`. The caller passes the
// alpha-beta-normal form: the hash of anything else means nothing.
std::string semantic_hash(const Expr& normal_form);

} // namespace polar::dhall
