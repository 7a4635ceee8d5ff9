#pragma once
// Number text as dhall-to-json and dhall-to-yaml print it (aeson's encoder),
// so outputs match theirs byte for byte.
#include <string>

#include "render/json.h"

namespace polar::render {

// aeson's encoding, for pretty and compact JSON and for YAML alike (pretty
// JSON too since dhall-json 1.7.10, dhall-haskell#2352): integral values in
// full, whatever their size ("100", "100000000000000000000"), others in
// Haskell's Scientific notation ("0.5", "1.0e-2", "1.23456785e7").
std::string format_number(const JsonNumber& number);

} // namespace polar::render
