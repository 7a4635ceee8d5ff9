#pragma once
// `--transitive` of `dhall format`, `lint` and `freeze`: the files given
// and the local files they import, as dhall follows them
// (docs/dhall-commands.md, "--transitive").
#include <filesystem>
#include <vector>

namespace polar::dhall {

// `files` and every file they reach through imports written relative to
// the importing file (`./x.dhall`, `../x.dhall`) and imported as code, each
// once, each after the files it imports (dhall processes dependencies
// first). Never followed, as in dhall: absolute (`/x`) and home (`~/x`)
// paths, `as Text`, `as Bytes` and `as Location` imports, remote imports
// and their headers, `env:` and `missing`. A file that cannot be read or
// parsed is listed but not followed: the command reports it.
std::vector<std::filesystem::path>
with_transitive_imports(const std::vector<std::filesystem::path>& files);

} // namespace polar::dhall
