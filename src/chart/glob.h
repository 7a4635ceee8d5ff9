#pragma once
// The globs of SYNC_EXCLUDE and post-processing patterns, with the same
// meaning as in cmake/PolarHelm.cmake.
#include <string_view>

namespace polar::chart {

// Whether `relative_path` (with `/` separators) matches `glob`: `*` and `?`
// stay within one path segment, `**` crosses segments, and a glob without `/`
// is matched against the last segment only ("*-secret.yaml" matches
// "charts/neo4j/templates/auth-secret.yaml").
bool glob_matches(std::string_view glob, std::string_view relative_path);

} // namespace polar::chart
