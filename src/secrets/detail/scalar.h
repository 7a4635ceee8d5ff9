#pragma once
// What a plain (unquoted) YAML scalar means, by the rules of the YAML
// library sops uses (go-yaml v3, close to the YAML 1.2 core schema): `~`,
// `null` -> null; `true`/`false` (three spellings) -> bool; Go integer
// literals (`12`, `0x1F`, `0o17`, `017`, `1_000`) -> int; `1.5`, `1e3`,
// `.inf`, `.nan` -> float; anything else -> string. Dates stay strings.
#include <string_view>

#include "secrets/detail/tree.h"

namespace polar::secrets {

// Throws Error(input) for an integer outside the 64-bit range, which sops
// cannot encrypt; the message does not contain the text.
Scalar resolve_plain_scalar(std::string_view text);

// The scalar sops decrypts from `text` with the type `type` ("str", "int",
// "float", "bool"); nullopt-like failure as Error(input).
Scalar scalar_of_type(std::string_view type, std::string_view text);

// The `type:` sops writes for a scalar (not null).
std::string_view sops_type_name(ScalarType type);

// Canonical text of floats, as Go writes them ('f', shortest).
std::string format_float(double value);

} // namespace polar::secrets
