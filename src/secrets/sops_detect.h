#pragma once
// Whether a YAML text is an encrypted sops file, by content: its top level is
// a mapping with a `sops` mapping that holds a `mac`. What the chart steps use
// to leave encrypted files to the cluster (.helmignore) and to compare them
// by content rather than bytes.
#include <string_view>

namespace polar::secrets {

// Never throws: text that is not YAML is not a sops file.
bool is_sops_file(std::string_view text);

} // namespace polar::secrets
