#pragma once
// What a file reads at render time, found without reading any of it
// (docs/imports.md, "Inputs"): a walk of its syntax and of the local files it
// imports as code, transitively. Nothing is resolved, so it works without
// the variables set, and no value is ever read: what `polar-helm inputs`
// prints and the table of variables a README needs.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "binary/hash.h"
#include "imports/options.h"

namespace polar::dhall {

// Why a variable a file names may be unset.
enum class Optionality {
  required,
  fallback, // every read is on the left of a `?`
  location, // only `env:X as Location`, which does not read it
};

struct VariableInput {
  std::string name;
  Optionality optionality = Optionality::required;
  std::vector<std::string> read_at; // file:line:column of each import
};

struct FileInput {
  std::string location; // as a Dhall location: "./dir/x.dhall"
  ImportMode mode = ImportMode::code;
  std::optional<Sha256> pin;
  bool exists = true;
  bool optional = false; // every import of it is on the left of a `?`
  std::vector<std::string> read_at;
};

struct RemoteInput {
  std::string url;
  std::optional<Sha256> pin;
  bool optional = false;
  std::vector<std::string> read_at;
};

struct Inputs {
  std::vector<VariableInput> variables; // by name
  std::vector<FileInput> files;         // first imported first
  std::vector<RemoteInput> remotes;     // first imported first
};

// The inputs of `file` and of the local files it imports as code. Throws
// Error when one of them cannot be read or parsed.
Inputs find_inputs(const std::filesystem::path& file, const LoadOptions& options = {});

} // namespace polar::dhall
