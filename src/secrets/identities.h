#pragma once
// Where age identities come from, as sops looks for them: the key text in
// SOPS_AGE_KEY, the key file named by SOPS_AGE_KEY_FILE, and the user's
// $XDG_CONFIG_HOME/sops/age/keys.txt (~/.config/sops/age/keys.txt).
#include <vector>

#include "secrets/age_keys.h"

namespace polar::secrets {

// Every identity found (possibly none). Error(input) for a malformed key or
// a SOPS_AGE_KEY_FILE that cannot be read; messages never contain keys.
std::vector<AgeIdentity> identities_from_environment();

} // namespace polar::secrets
