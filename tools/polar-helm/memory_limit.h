#pragma once
// --max-memory SIZE: an optional ceiling on the memory polar-helm may use,
// so that an expression that grows without bound (a doubling fold) ends as
// "out of memory while evaluating FILE", exit code 1, before the machine
// swaps or the kernel kills the process. Off by default.
#include <CLI/CLI.hpp>

#include <cstdint>
#include <string_view>

namespace polar::cli {

// Bytes in a size such as "512M", "2G", "1500K" or "1048576" (binary
// multiples, an optional trailing "B" or "iB"); throws CLI::ValidationError
// for anything else.
std::uint64_t parse_memory_size(std::string_view text);

// Adds --max-memory SIZE (env: POLAR_HELM_MAX_MEMORY) to `command`. The
// ceiling is applied (setrlimit RLIMIT_AS: address space, which includes
// mapped cache files and thread stacks) as the command line is read, before
// the command runs.
void add_memory_limit_option(CLI::App& command);

} // namespace polar::cli
