#pragma once
// Make/Ninja depfiles: which files an output was made from, so the build
// reruns the render when any of them changes.
#include <filesystem>
#include <string>
#include <vector>

namespace polar::render {

// "target: dependency..." with each path escaped as GCC's -MD escapes it,
// which both Make and Ninja read: a space (with the backslashes before it
// doubled) or `#` gets a backslash, `$` becomes `$$`. Throws
// dhall::Error(ErrorKind::io) for a path with a line break, which no depfile
// can name.
std::string format_depfile(const std::filesystem::path& target,
                           const std::vector<std::filesystem::path>& dependencies);

} // namespace polar::render
