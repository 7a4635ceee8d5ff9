#pragma once
// Number text as dhall-to-json and dhall-to-yaml print it (aeson's encoder
// and aeson-pretty), so outputs match theirs byte for byte.
#include <string>

#include "render/json.h"

namespace polar::render {

// aeson's compact encoding, used by `--compact` JSON and by YAML: integral
// values with exponents up to 1024 in full ("100", "1000000"), others in
// Haskell's Scientific notation ("0.5", "1.0e-2", "1.23456785e7").
std::string format_number_compact(const JsonNumber& number);

// aeson-pretty's encoding, used by pretty JSON: as compact, except that
// magnitudes above 1e19 use exponent notation ("1.0e20").
std::string format_number_pretty(const JsonNumber& number);

} // namespace polar::render
