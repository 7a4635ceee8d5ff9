#include "imports/inputs.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "imports/detail/location.h"
#include "imports/detail/resource.h"
#include "imports/import_sites.h"
#include "imports/subexpressions.h"
#include "support/file_io.h"
#include "syntax/parser.h"

namespace polar::dhall {
namespace fs = std::filesystem;
namespace {

std::string position_of(const Span& span) {
  auto position = line_column(*span.file, span.begin);
  return span.file->name + ":" + std::to_string(position.line) + ":" +
         std::to_string(position.column);
}

// A later import that needs the input more wins.
Optionality stricter(Optionality a, Optionality b) {
  return static_cast<int>(a) < static_cast<int>(b) ? a : b;
}

class InputWalk {
public:
  explicit InputWalk(const LoadOptions& options)
      : options_(with_environment(options)), reader_(options_) {}

  // `optional`: every import of the file is in the left side of a `?`;
  // `alternative`: it is imported in the right side of one.
  void walk_file(const fs::path& path, const LocalImport& location, bool optional,
                 bool alternative) {
    std::string key = location_text(location) + (optional ? "" : " required") +
                      (alternative ? " alternative" : "");
    if (!walked_.insert(key).second) {
      return;
    }
    auto text = read_regular_file(path);
    if (!text) {
      return;
    }
    auto source = std::make_shared<const SourceFile>(SourceFile{path.string(), std::move(*text)});
    ExprPtr parsed = parse(source);
    for (const ImportSite& site : import_sites(parsed)) {
      add(site, location, optional || site.under_fallback, alternative || site.in_alternative);
    }
    if (!optional && !alternative) {
      find_chains(parsed);
    }
  }

  Inputs take() {
    Inputs inputs;
    for (auto& [name, variable] : variables_) {
      inputs.variables.push_back(std::move(variable));
    }
    inputs.files = std::move(files_);
    inputs.remotes = std::move(remotes_);
    inputs.chains = std::move(chains_);
    return inputs;
  }

private:
  static LoadOptions with_environment(LoadOptions options) {
    if (!options.environment) {
      options.environment = process_environment();
    }
    return options;
  }

  void add(const ImportSite& site, const LocalImport& parent, bool optional, bool alternative) {
    const Import& import = site.import();
    std::string at = position_of(site.node->span());
    ImportTarget target = canonicalize(chain(parent, import.target));
    if (const auto* env = std::get_if<EnvImport>(&target)) {
      Optionality optionality = import.mode == ImportMode::location ? Optionality::location
                                : optional                          ? Optionality::fallback
                                                                    : Optionality::required;
      auto [found, added] =
          variables_.try_emplace(env->name, VariableInput{env->name, optionality, {}, {}});
      found->second.optionality = stricter(found->second.optionality, optionality);
      found->second.read_at.push_back(at);
      if (optionality == Optionality::required && !alternative) {
        found->second.always_read_at.push_back(at);
      }
    } else if (std::holds_alternative<RemoteImport>(target)) {
      if (import.mode == ImportMode::location) {
        return;
      }
      std::string url = location_text(target);
      auto found = std::ranges::find_if(
          remotes_, [&](const RemoteInput& r) { return r.url == url && r.pin == import.hash; });
      if (found == remotes_.end()) {
        remotes_.push_back(RemoteInput{url, import.hash, optional, {}});
        found = std::prev(remotes_.end());
      }
      found->optional = found->optional && optional;
      found->read_at.push_back(at);
    } else if (const auto* local = std::get_if<LocalImport>(&target)) {
      if (import.mode == ImportMode::location) {
        return;
      }
      add_file(*local, import, optional, alternative, at);
    }
  }

  void add_file(const LocalImport& local, const Import& import, bool optional, bool alternative,
                const std::string& at) {
    std::string location = location_text(local);
    std::optional<fs::path> path;
    try {
      path = reader_.local_path(local, Span{});
    } catch (const Error&) { // `~` without HOME
    }
    std::error_code error;
    bool exists = path && fs::exists(*path, error);
    auto found = std::ranges::find_if(files_, [&](const FileInput& f) {
      return f.location == location && f.mode == import.mode && f.pin == import.hash;
    });
    if (found == files_.end()) {
      files_.push_back(FileInput{
          location, path.value_or(fs::path()), import.mode, import.hash, exists, optional, {}});
      found = std::prev(files_.end());
    }
    found->optional = found->optional && optional;
    found->read_at.push_back(at);
    if (exists && import.mode == ImportMode::code) {
      walk_file(*path, local, optional, alternative);
    }
  }

  // The alternatives of the `?` chain at `expr`, left to right.
  static void flatten_alternatives(const ExprPtr& expr, std::vector<ExprPtr>& alternatives) {
    const auto* op = expr->as<BinOp>();
    if (op != nullptr && op->op == Op::import_alt) {
      flatten_alternatives(op->lhs, alternatives);
      flatten_alternatives(op->rhs, alternatives);
      return;
    }
    alternatives.push_back(expr);
  }

  // The variable an alternative reads, when it is nothing but `env:X` (as
  // code, Text or Bytes: `as Location` never fails).
  static std::optional<std::string> variable_of(const ExprPtr& alternative) {
    const auto* import = alternative->as<Import>();
    const auto* env = import ? std::get_if<EnvImport>(&import->target) : nullptr;
    if (env == nullptr || import->mode == ImportMode::location) {
      return std::nullopt;
    }
    return env->name;
  }

  // The `?` chains of `expr` that every load reads (not inside another
  // chain) and whose every alternative is a variable.
  void find_chains(const ExprPtr& expr) {
    const auto* op = expr->as<BinOp>();
    if (op != nullptr && op->op == Op::import_alt) {
      std::vector<ExprPtr> alternatives;
      flatten_alternatives(expr, alternatives);
      VariableChain chain{{}, position_of(expr->span())};
      for (const ExprPtr& alternative : alternatives) {
        std::optional<std::string> name = variable_of(alternative);
        if (!name) {
          return; // a fallback that is no variable: the chain cannot fail on variables
        }
        chain.names.push_back(std::move(*name));
      }
      chains_.push_back(std::move(chain));
      return;
    }
    if (expr->as<Import>() != nullptr) {
      return; // the headers of a remote import are read with it
    }
    for_each_off_chain(expr, [&](const ExprPtr& child, const Expr&) { find_chains(child); });
  }

  LoadOptions options_;
  ResourceReader reader_;
  std::set<std::string> walked_;
  std::map<std::string, VariableInput> variables_;
  std::vector<FileInput> files_;
  std::vector<RemoteInput> remotes_;
  std::vector<VariableChain> chains_;
};

} // namespace

Inputs find_inputs(const fs::path& file, const LoadOptions& options) {
  InputWalk walk(options);
  fs::path path = file.is_relative() && !options.working_directory.empty()
                      ? options.working_directory / file
                      : file;
  if (!read_regular_file(path)) {
    throw Error(ErrorKind::io, "cannot read " + path.string() + ": no such file");
  }
  walk.walk_file(path, local_import_from_path(file), false, false);
  return walk.take();
}

std::vector<MissingVariable> missing_variables(const std::vector<Inputs>& inputs,
                                               const EnvironmentLookup& environment) {
  std::map<std::string, MissingVariable> missing;
  for (const Inputs& file_inputs : inputs) {
    for (const VariableInput& variable : file_inputs.variables) {
      if (variable.always_read_at.empty() || environment(variable.name)) {
        continue;
      }
      MissingVariable& entry =
          missing.try_emplace(variable.name, MissingVariable{variable.name, {}, {}}).first->second;
      for (const std::string& position : variable.always_read_at) {
        if (std::ranges::find(entry.read_at, position) == entry.read_at.end()) {
          entry.read_at.push_back(position);
        }
      }
    }
  }
  for (const Inputs& file_inputs : inputs) {
    for (const VariableChain& chain : file_inputs.chains) {
      if (std::ranges::any_of(chain.names, [&](const std::string& name) {
            return environment(name).has_value();
          })) {
        continue;
      }
      std::string key;
      for (const std::string& name : chain.names) {
        key += (key.empty() ? "" : " or ") + name;
      }
      MissingVariable& entry =
          missing.try_emplace(key, MissingVariable{key, {}, chain.names}).first->second;
      if (std::ranges::find(entry.read_at, chain.read_at) == entry.read_at.end()) {
        entry.read_at.push_back(chain.read_at);
      }
    }
  }
  std::vector<MissingVariable> result;
  for (auto& [name, variable] : missing) {
    result.push_back(std::move(variable));
  }
  return result;
}

std::string describe_missing_variables(const std::vector<MissingVariable>& missing) {
  std::string text =
      missing.size() == 1
          ? std::string("1 environment variable the files read is not set:\n")
          : std::to_string(missing.size()) + " environment variables the files read are not set:\n";
  for (const MissingVariable& variable : missing) {
    text += "  " + variable.name +
            (variable.alternatives.empty() ? "" : " (alternatives of `?`: one must be set)") +
            ", read at ";
    for (std::size_t i = 0; i < variable.read_at.size(); ++i) {
      text += (i == 0 ? "" : ", ") + variable.read_at[i];
    }
    text += "\n";
  }
  return text;
}

} // namespace polar::dhall
