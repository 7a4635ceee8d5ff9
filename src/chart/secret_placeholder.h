#pragma once
// Secrets placeholder mode, for CI builds that have no secret values
// (docs/secrets.md, "CI without secret values"): a secret renders with every
// unset environment variable read as a fixed placeholder, and the result is
// only checked against the committed encrypted copy by structure, never
// written: the chart gets the committed bytes.
#include <optional>
#include <string>
#include <string_view>

#include "chart/secret_encryption.h"
#include "imports/environment.h"

namespace polar::chart {

// What an unset variable reads as. Quoted, so that `env:NAME` imported as
// code is a Text literal too.
inline constexpr std::string_view secret_placeholder = "\"polar-helm-placeholder\"";

// The environment variable that turns the mode on (1, true, yes; 0, false,
// no or empty: off), as the CMake option of the same name does.
inline constexpr const char* secrets_placeholder_variable = "POLAR_HELM_SECRETS_PLACEHOLDER";

// Whether POLAR_HELM_SECRETS_PLACEHOLDER asks for the mode; ChartError on
// another value.
bool secrets_placeholder_requested();

// `lookup`, with secret_placeholder for every unset variable but those the
// resolver reads to find files (HOME, XDG_CACHE_HOME, XDG_CONFIG_HOME).
dhall::EnvironmentLookup with_secret_placeholders(dhall::EnvironmentLookup lookup);

// `committed` (the encrypted copy of the secret) when it has the structure
// of `plaintext`, the secret rendered from placeholders, encrypted as
// `encryption` says (for a command: for the committed file's recipients and
// rule): the same documents, keys, value types, recipients and rule. Throws
// secrets::Error(input) naming `name` otherwise, with a diff of the masked
// structures (no values), and when there is no committed copy.
std::string check_placeholder_secret(std::string_view plaintext, std::string_view name,
                                     const SecretEncryption& encryption,
                                     const std::optional<std::string>& committed);

} // namespace polar::chart
