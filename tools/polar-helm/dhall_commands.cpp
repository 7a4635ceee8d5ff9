#include "dhall_commands.h"

#include <fmt/core.h>

#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>

#include "binary/decode.h"
#include "binary/encode.h"
#include "binary/hash.h"
#include "exit_codes.h"
#include "import_options.h"
#include "imports/environment.h"
#include "imports/integrity_cache.h"
#include "input.h"
#include "memory_limit.h"
#include "output_file.h"
#include "report.h"
#include "semantics/eval.h"
#include "syntax/parser.h"
#include "syntax/printer.h"
#include "tooling/cbor_json.h"

namespace polar::cli {
namespace {

void add_file_option(CLI::App& command, Input& input) {
  command.add_option("--file", input.file, "Read the expression from this file (default: stdin)");
  add_memory_limit_option(command);
}

// Every command shares one Input and its own flags; CLI11 keeps pointers to
// them, so they live as long as the app.
struct Options {
  Input input;
  ImportArguments imports;
  bool alpha = false;
  bool annotate = false;
  bool quiet = false; // type: check only
  bool cache = false; // hash: also store in the integrity cache
  bool json = false;  // encode/decode: CBOR as JSON
  std::optional<std::filesystem::path> output;
};

dhall::Loaded load(const Options& options) {
  return load_input(options.input, make_load_options(options.imports));
}

void normalize(const Options& options) {
  auto loaded = load(options);
  auto normal_form = loaded.normal_form();
  auto result = options.alpha ? dhall::alpha_normalize(normal_form) : normal_form;
  if (options.annotate) {
    result = dhall::make_expr(dhall::Annot{result, loaded.type()});
  }
  std::string text = dhall::print(*result) + "\n";
  if (options.output) {
    write_output(*options.output, text);
  } else {
    fmt::print("{}", text);
  }
}

void print_type(const Options& options) {
  auto type = load(options).type();
  if (!options.quiet) {
    fmt::print("{}\n", dhall::print(*type));
  }
}

// `dhall hash --cache`: the expression goes into the integrity cache under
// its hash, so that `missing sha256:… ? …` finds it. Never an expression
// that read a variable or a secret file: the cache is not secret.
void store_in_cache(const dhall::LoadOptions& load_options, const dhall::Loaded& loaded,
                    const dhall::Encoding& encoding, const dhall::Sha256& hash) {
  if (dhall::reads_variables_or_secrets(loaded)) {
    throw dhall::Error(dhall::ErrorKind::io,
                       "not cached: the expression reads an environment variable or a secret "
                       "file, and the integrity cache is not secret");
  }
  auto cache = load_options.integrity_cache
                   ? load_options.integrity_cache
                   : dhall::standard_integrity_cache(load_options.environment
                                                         ? load_options.environment
                                                         : dhall::process_environment());
  cache->store(hash, encoding);
}

void print_hash(const Options& options) {
  dhall::LoadOptions load_options = make_load_options(options.imports);
  auto loaded = load_input(options.input, load_options);
  if (options.cache) {
    // Held as the normal form is, its shared parts once (binary/encoding.h).
    auto encoding = dhall::encode_shared(*dhall::alpha_normalize(loaded.normal_form()));
    auto hash = dhall::sha256(*encoding);
    store_in_cache(load_options, loaded, *encoding, hash);
    fmt::print("sha256:{}\n", dhall::to_hex(hash));
    return;
  }
  fmt::print("sha256:{}\n", dhall::to_hex(dhall::semantic_digest(loaded)));
}

void encode(const Options& options) {
  auto bytes = dhall::encode(*dhall::parse(read_input(options.input)));
  if (options.json) {
    fmt::print("{}", dhall::cbor_as_json(bytes));
    return;
  }
  std::cout.write(reinterpret_cast<const char*>(bytes.data()),
                  static_cast<std::streamsize>(bytes.size()));
}

void decode(const Options& options) {
  auto source = read_input(options.input); // owns the bytes the span views
  const std::string& text = source->text;
  if (options.json) {
    fmt::print("{}\n", dhall::print(*dhall::decode(dhall::json_as_cbor(text))));
    return;
  }
  std::span bytes(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
  fmt::print("{}\n", dhall::print(*dhall::decode(bytes)));
}

// Runs `action`, turning what it throws into a message and an exit code.
template <typename Action>
std::function<void()> reporting_command(Action action, const std::shared_ptr<Options>& options,
                                        ExitCode& exit_code) {
  return [action, options, &exit_code] {
    exit_code = reporting({.subject = input_name(options->input)}, [&] {
      action(*options);
      return exit_ok;
    });
  };
}

} // namespace

void register_dhall_commands(CLI::App& app, ExitCode& exit_code) {
  auto options = std::make_shared<Options>();

  auto* dhall = app.add_subcommand("dhall", "Type-check and normalize an expression, print it");
  add_file_option(*dhall, options->input);
  add_import_options(*dhall, options->imports);
  dhall->add_flag("--alpha", options->alpha, "Also α-normalize (rename bound variables to _)");
  dhall->add_flag("--annotate", options->annotate, "Print `normal form : type`");
  dhall->add_option("--output", options->output, "Write to this file (atomically), not stdout");
  dhall->callback(reporting_command(normalize, options, exit_code));

  auto* type = app.add_subcommand("type", "Print the type of an expression");
  add_file_option(*type, options->input);
  add_import_options(*type, options->imports);
  type->add_flag("--quiet", options->quiet, "Type-check only: print nothing (exit 1 on an error)");
  type->callback(reporting_command(print_type, options, exit_code));

  auto* hash = app.add_subcommand("hash", "Print the semantic hash (sha256:...) of an expression");
  add_file_option(*hash, options->input);
  add_import_options(*hash, options->imports);
  hash->add_flag("--cache", options->cache,
                 "Also store the expression in the integrity cache under its hash (not one that "
                 "reads a variable or a secret file)");
  hash->callback(reporting_command(print_hash, options, exit_code));

  auto* encode_command = app.add_subcommand("encode", "Write the CBOR encoding of an expression");
  add_file_option(*encode_command, options->input);
  encode_command->add_flag("--json", options->json,
                           "Write the CBOR as JSON (cborg-json's form, as dhall encode --json)");
  encode_command->callback(reporting_command(encode, options, exit_code));

  auto* decode_command = app.add_subcommand("decode", "Read a CBOR-encoded expression, print it");
  add_file_option(*decode_command, options->input);
  decode_command->add_flag("--json", options->json,
                           "Read the CBOR written as JSON (dhall decode --json)");
  decode_command->callback(reporting_command(decode, options, exit_code));
}

} // namespace polar::cli
