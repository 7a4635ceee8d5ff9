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
#include "imports/environment.h"
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
  // The reads every load makes (neither in the left side of a `?` nor in one
  // of its alternatives): the load fails when the variable is not set.
  std::vector<std::string> always_read_at;
};

struct FileInput {
  std::string location;       // as a Dhall location: "./dir/x.dhall"
  std::filesystem::path path; // on disk; empty when it cannot be known (`~` without HOME)
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

// `env:A ? env:B ? ...` read on every load, every alternative a variable:
// its variables are each optional, but the load fails when none is set.
struct VariableChain {
  std::vector<std::string> names; // in the order they are tried
  std::string read_at;            // file:line:column of the chain
};

struct Inputs {
  std::vector<VariableInput> variables; // by name
  std::vector<VariableChain> chains;    // in source order
  std::vector<FileInput> files;         // first imported first
  std::vector<RemoteInput> remotes;     // first imported first
};

// The inputs of `file` and of the local files it imports as code. Throws
// Error when one of them cannot be read or parsed.
Inputs find_inputs(const std::filesystem::path& file, const LoadOptions& options = {});

// A variable that files always read (VariableInput::always_read_at) and that
// the environment does not set, with where they read it (file:line:column,
// each once); or a chain of alternatives (VariableChain) none of which is
// set, named by `alternatives`.
struct MissingVariable {
  std::string name;
  std::vector<std::string> read_at;
  std::vector<std::string> alternatives; // a chain's names; empty for one variable
};

// Every such variable and chain of the files whose inputs are `inputs`, by
// name: rendering them would fail on each. A variable with a fallback (`?`
// with anything but variables after it) is never missing. Asks only whether
// each is set.
std::vector<MissingVariable> missing_variables(const std::vector<Inputs>& inputs,
                                               const EnvironmentLookup& environment);

// The one message that names them all and the files that read them, for
// `polar-helm chart`, `polar-helm inputs --check` and the build's check.
std::string describe_missing_variables(const std::vector<MissingVariable>& missing);

} // namespace polar::dhall
