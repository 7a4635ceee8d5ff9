#include "encrypt_command.h"

#include <fmt/core.h>

#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "input.h"
#include "report.h"
#include "secrets/identities.h"
#include "secrets/sops_config.h"
#include "secrets/stable_output.h"
#include "secrets/yaml_reader.h"
#include "secrets/yaml_writer.h"
#include "support/file_io.h"
#include "syntax/source.h"

namespace polar::cli {
namespace {

namespace fs = std::filesystem;

struct EncryptArguments {
  std::optional<fs::path> file;
  std::vector<std::string> age;
  std::optional<std::string> encrypted_regex;
  std::optional<fs::path> sops_config_from;
  std::optional<fs::path> previous;
  std::optional<fs::path> output;
};

struct DecryptArguments {
  std::optional<fs::path> file;
  std::optional<fs::path> output;
  bool structure_only = false;
};

// A file that must be there (a .sops.yaml, the previous output): its text.
std::string read_required(const fs::path& path) {
  return read_input(Input{path})->text;
}

// Writes the result to `output` (support/file_io.h: write_output_file), or
// to standard output.
void emit(const std::optional<fs::path>& output, const std::string& text) {
  if (!output) {
    if (!(std::cout << text << std::flush)) {
      throw EnvironmentError("cannot write to standard output");
    }
    return;
  }
  try {
    dhall::write_output_file(*output, text);
  } catch (const dhall::Error& error) {
    throw EnvironmentError(error.message());
  }
}

ExitCode run_encrypt(const EncryptArguments& arguments) {
  if (arguments.age.empty() == !arguments.sops_config_from) {
    fmt::print(stderr, "polar-helm: error: give the recipients with --age (repeatable) or take "
                       "them from a .sops.yaml with --sops-config-from PATH (one of the two)\n");
    return exit_usage_error;
  }
  Input input{arguments.file};
  std::string plaintext_text = read_input(input)->text;
  secrets::EncryptOptions options;
  if (arguments.sops_config_from) {
    std::optional<fs::path> config = secrets::find_sops_config(*arguments.sops_config_from);
    if (!config) {
      throw EnvironmentError("no .sops.yaml in " + arguments.sops_config_from->string() +
                             " or any folder above it");
    }
    secrets::CreationRule rule =
        secrets::creation_rule_for(read_required(*config), *config, *arguments.sops_config_from);
    options.recipients = std::move(rule.recipients);
    options.scope = std::move(rule.scope);
  }
  for (const std::string& text : arguments.age) {
    options.recipients.push_back(secrets::AgeRecipient::parse(text));
  }
  if (!arguments.age.empty()) {
    options.scope = secrets::age_encryption_scope(arguments.encrypted_regex);
  }
  std::vector<secrets::Node> plaintext =
      secrets::read_yaml_documents(plaintext_text, input_name(input));

  std::optional<std::string> previous;
  std::error_code error;
  if (arguments.previous && fs::exists(*arguments.previous, error)) {
    previous = read_required(*arguments.previous);
  }
  // Identities only matter for keeping a previous file.
  std::vector<secrets::AgeIdentity> identities;
  if (previous) {
    identities = secrets::identities_from_environment();
  }
  secrets::StableResult result = secrets::encrypt_stable(plaintext, options, previous, identities);
  if (previous && !result.kept_previous) {
    fmt::print(stderr, "note: {} re-encrypted: {}\n", arguments.previous->string(), result.reason);
  }
  emit(arguments.output, result.text);
  return exit_ok;
}

ExitCode run_decrypt(const DecryptArguments& arguments) {
  Input input{arguments.file};
  std::string text = read_input(input)->text;
  std::string name = input_name(input);
  if (arguments.structure_only) {
    emit(arguments.output, secrets::masked_structure(text, name));
    return exit_ok;
  }
  secrets::SopsFile file = secrets::read_sops_file(text, name);
  std::vector<secrets::AgeIdentity> identities = secrets::identities_from_environment();
  if (identities.empty()) {
    throw EnvironmentError("no age identity: set SOPS_AGE_KEY_FILE (a key file) or SOPS_AGE_KEY "
                           "(the key), as for sops");
  }
  std::vector<secrets::Node> plaintext = secrets::decrypt_sops_file(file, identities);
  emit(arguments.output, secrets::write_yaml_documents(plaintext, {}));
  return exit_ok;
}

// The input file, by position as sops takes it or by --file.
void add_input_file(CLI::App& command, std::optional<fs::path>& file, const char* what) {
  auto* by_flag = command.add_option(
      "--file", file, fmt::format("Read {} from this file instead of standard input", what));
  auto* by_position = command.add_option(
      "FILE", file, fmt::format("Read {} from this file (as --file does)", what));
  by_position->excludes(by_flag);
}

} // namespace

CLI::Option* add_encrypted_regex_option(CLI::App& command, std::optional<std::string>& regex) {
  return command.add_option(
      "--encrypted-regex", regex,
      "With --age: encrypt only the values under a key this regular expression matches (sops's "
      "encrypted_regex; default ^(data|stringData)$, the Kubernetes convention; '' encrypts "
      "every value)");
}

void add_secrets_commands(CLI::App& app, ExitCode& exit_code) {
  auto encrypt_arguments = std::make_shared<EncryptArguments>();
  auto* encrypt = app.add_subcommand(
      "encrypt", "Encrypt plaintext YAML into the sops format for age recipients");
  add_input_file(*encrypt, encrypt_arguments->file, "the plaintext YAML");
  // One value per --age, so that `encrypt --age R FILE` leaves FILE to the position.
  auto* age =
      encrypt->add_option("--age", encrypt_arguments->age, "An age recipient (age1...); repeatable")
          ->allow_extra_args(false);
  add_encrypted_regex_option(*encrypt, encrypt_arguments->encrypted_regex)->needs(age);
  encrypt->add_option("--sops-config-from", encrypt_arguments->sops_config_from,
                      "Take the recipients from the creation rule for this path in the nearest "
                      ".sops.yaml at or above it");
  encrypt->add_option("--previous", encrypt_arguments->previous,
                      "The current encrypted file: kept byte for byte when it decrypts (with "
                      "SOPS_AGE_KEY_FILE or SOPS_AGE_KEY) to the same content");
  encrypt->add_option("--output", encrypt_arguments->output,
                      "Write to this file (atomically) instead of standard output");
  encrypt->callback([encrypt_arguments, &exit_code] {
    exit_code = reporting({.subject = input_name(Input{encrypt_arguments->file})},
                          [&] { return run_encrypt(*encrypt_arguments); });
  });

  auto decrypt_arguments = std::make_shared<DecryptArguments>();
  auto* decrypt = app.add_subcommand(
      "decrypt",
      "Decrypt a sops YAML file with age identities from SOPS_AGE_KEY_FILE/SOPS_AGE_KEY");
  add_input_file(*decrypt, decrypt_arguments->file, "the encrypted file");
  decrypt->add_option("--output", decrypt_arguments->output,
                      "Write to this file (atomically) instead of standard output");
  decrypt->add_flag("--structure-only", decrypt_arguments->structure_only,
                    "Print the structure with every encrypted value masked (needs no key)");
  decrypt->callback([decrypt_arguments, &exit_code] {
    exit_code = reporting({.subject = input_name(Input{decrypt_arguments->file})},
                          [&] { return run_decrypt(*decrypt_arguments); });
  });
}

} // namespace polar::cli
