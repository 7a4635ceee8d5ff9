#include "encrypt_command.h"

#include <fmt/core.h>

#include <filesystem>
#include <iostream>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "imports/file_io.h"
#include "secrets/error.h"
#include "secrets/identities.h"
#include "secrets/sops_config.h"
#include "secrets/stable_output.h"
#include "secrets/yaml_reader.h"
#include "secrets/yaml_writer.h"
#include "syntax/source.h"

namespace polar::cli {
namespace {

namespace fs = std::filesystem;

struct EncryptArguments {
  std::optional<fs::path> file;
  std::vector<std::string> age;
  std::optional<fs::path> sops_config_from;
  std::optional<fs::path> previous;
  std::optional<fs::path> output;
};

struct DecryptArguments {
  std::optional<fs::path> file;
  std::optional<fs::path> output;
  bool structure_only = false;
};

// A file that must be there: its text, or nullopt after saying so.
std::optional<std::string> read_required(const fs::path& path) {
  try {
    if (std::optional<std::string> text = dhall::read_regular_file(path)) {
      return text;
    }
    fmt::print(stderr, "error: no such file: {}\n", path.string());
  } catch (const dhall::Error& error) {
    fmt::print(stderr, "error: cannot read {}\n", path.string());
  }
  return std::nullopt;
}

std::optional<std::string> read_input(const std::optional<fs::path>& file) {
  if (file) {
    return read_required(*file);
  }
  return std::string(std::istreambuf_iterator<char>(std::cin), {});
}

std::string input_name(const std::optional<fs::path>& file) {
  return file ? file->string() : "(stdin)";
}

ExitCode exit_code_of(const secrets::Error& error) {
  switch (error.kind()) {
  case secrets::ErrorKind::no_identity:
  case secrets::ErrorKind::crypto:
  case secrets::ErrorKind::command:
    return exit_environment;
  case secrets::ErrorKind::input:
  case secrets::ErrorKind::integrity:
    break;
  }
  return exit_input_error;
}

// Writes the result atomically to `output`, or to standard output.
ExitCode emit(const std::optional<fs::path>& output, const std::string& text) {
  if (!output) {
    if (!(std::cout << text << std::flush)) {
      fmt::print(stderr, "error: cannot write to standard output\n");
      return exit_environment;
    }
    return exit_ok;
  }
  try {
    dhall::write_file_atomically(fs::absolute(*output), std::string_view(text));
  } catch (const dhall::Error& error) {
    fmt::print(stderr, "error: cannot write {}\n", output->string());
    return exit_environment;
  }
  return exit_ok;
}

ExitCode run_encrypt(const EncryptArguments& arguments) {
  if (arguments.age.empty() == !arguments.sops_config_from) {
    fmt::print(stderr, "error: give the recipients with --age (repeatable) or take them from a "
                       ".sops.yaml with --sops-config-from PATH (one of the two)\n");
    return exit_usage_error;
  }
  std::optional<std::string> plaintext_text = read_input(arguments.file);
  if (!plaintext_text) {
    return exit_environment;
  }
  try {
    secrets::EncryptOptions options;
    if (arguments.sops_config_from) {
      std::optional<fs::path> config = secrets::find_sops_config(*arguments.sops_config_from);
      if (!config) {
        fmt::print(stderr, "error: no .sops.yaml in {} or any folder above it\n",
                   arguments.sops_config_from->string());
        return exit_environment;
      }
      std::optional<std::string> config_text = read_required(*config);
      if (!config_text) {
        return exit_environment;
      }
      secrets::CreationRule rule =
          secrets::creation_rule_for(*config_text, *config, *arguments.sops_config_from);
      options.recipients = std::move(rule.recipients);
      options.scope = std::move(rule.scope);
    }
    for (const std::string& text : arguments.age) {
      options.recipients.push_back(secrets::AgeRecipient::parse(text));
    }
    secrets::Node plaintext =
        secrets::read_yaml_document(*plaintext_text, input_name(arguments.file));

    std::optional<std::string> previous;
    if (arguments.previous && fs::exists(*arguments.previous)) {
      previous = read_required(*arguments.previous);
      if (!previous) {
        return exit_environment;
      }
    }
    // Identities only matter for keeping a previous file.
    std::vector<secrets::AgeIdentity> identities;
    if (previous) {
      identities = secrets::identities_from_environment();
    }
    secrets::StableResult result =
        secrets::encrypt_stable(plaintext, options, previous, identities);
    if (previous && !result.kept_previous) {
      fmt::print(stderr, "note: {} re-encrypted: {}\n", arguments.previous->string(),
                 result.reason);
    }
    return emit(arguments.output, result.text);
  } catch (const secrets::Error& error) {
    fmt::print(stderr, "error: {}\n", error.what());
    return exit_code_of(error);
  }
}

ExitCode run_decrypt(const DecryptArguments& arguments) {
  std::optional<std::string> text = read_input(arguments.file);
  if (!text) {
    return exit_environment;
  }
  try {
    std::string name = input_name(arguments.file);
    if (arguments.structure_only) {
      return emit(arguments.output, secrets::masked_structure(*text, name));
    }
    secrets::SopsFile file = secrets::read_sops_file(*text, name);
    std::vector<secrets::AgeIdentity> identities = secrets::identities_from_environment();
    if (identities.empty()) {
      fmt::print(stderr, "error: no age identity: set SOPS_AGE_KEY_FILE (a key file) or "
                         "SOPS_AGE_KEY (the key), as for sops\n");
      return exit_environment;
    }
    secrets::Node plaintext = secrets::decrypt_sops_file(file, identities);
    return emit(arguments.output, secrets::write_yaml_document(plaintext, {}));
  } catch (const secrets::Error& error) {
    fmt::print(stderr, "error: {}\n", error.what());
    return exit_code_of(error);
  }
}

} // namespace

void add_secrets_commands(CLI::App& app, ExitCode& exit_code) {
  auto encrypt_arguments = std::make_shared<EncryptArguments>();
  auto* encrypt = app.add_subcommand(
      "encrypt", "Encrypt plaintext YAML into the sops format for age recipients");
  encrypt->add_option("--file", encrypt_arguments->file,
                      "Read the plaintext YAML from this file instead of standard input");
  encrypt->add_option("--age", encrypt_arguments->age, "An age recipient (age1...); repeatable");
  encrypt->add_option("--sops-config-from", encrypt_arguments->sops_config_from,
                      "Take the recipients from the creation rule for this path in the nearest "
                      ".sops.yaml at or above it");
  encrypt->add_option("--previous", encrypt_arguments->previous,
                      "The current encrypted file: kept byte for byte when it decrypts (with "
                      "SOPS_AGE_KEY_FILE or SOPS_AGE_KEY) to the same content");
  encrypt->add_option("--output", encrypt_arguments->output,
                      "Write to this file (atomically) instead of standard output");
  encrypt->callback(
      [encrypt_arguments, &exit_code] { exit_code = run_encrypt(*encrypt_arguments); });

  auto decrypt_arguments = std::make_shared<DecryptArguments>();
  auto* decrypt = app.add_subcommand(
      "decrypt",
      "Decrypt a sops YAML file with age identities from SOPS_AGE_KEY_FILE/SOPS_AGE_KEY");
  decrypt->add_option("--file", decrypt_arguments->file,
                      "Read the encrypted file from this file instead of standard input");
  decrypt->add_option("--output", decrypt_arguments->output,
                      "Write to this file (atomically) instead of standard output");
  decrypt->add_flag("--structure-only", decrypt_arguments->structure_only,
                    "Print the structure with every encrypted value masked (needs no key)");
  decrypt->callback(
      [decrypt_arguments, &exit_code] { exit_code = run_decrypt(*decrypt_arguments); });
}

} // namespace polar::cli
