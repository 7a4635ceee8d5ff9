#pragma once
// `polar-helm encrypt` and `polar-helm decrypt`: the sops file format for
// YAML with age recipients, built in (docs/secrets.md).
#include <CLI/CLI.hpp>

#include <optional>
#include <string>

#include "exit_codes.h"

namespace polar::cli {

// Registers both subcommands on `app`; the one that runs stores its exit
// code in `exit_code`, which must outlive the parse.
void add_secrets_commands(CLI::App& app, ExitCode& exit_code);

// `--encrypted-regex` for commands with `--age` (encrypt, render, chart):
// which keys' values are encrypted, `^(data|stringData)$` when not given.
CLI::Option* add_encrypted_regex_option(CLI::App& command, std::optional<std::string>& regex);

} // namespace polar::cli
