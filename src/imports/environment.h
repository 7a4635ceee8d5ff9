#pragma once
// Reading environment variables through a replaceable lookup, so tests and
// embedders can resolve `env:` imports, HOME and XDG_CACHE_HOME against an
// environment of their own instead of the process's.
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace polar::dhall {

// The value of a variable, or nullopt when it is not set.
using EnvironmentLookup = std::function<std::optional<std::string>(const std::string& name)>;

// Looks variables up in the environment of this process.
EnvironmentLookup process_environment();

// Notes whether a lookup it hands out found a variable set, so that a load
// that read one can keep the value out of its errors, and the names of the
// variables it looked up, set or not (an unset one that a `?` fell back
// from changes the result once it is set): the build re-renders a file when
// one of them changes. HOME, XDG_CACHE_HOME and XDG_CONFIG_HOME do not
// count: the resolver reads them itself to find files (`~/x`, the caches,
// headers.dhall), and their values are directories that messages name anyway.
class EnvironmentReads {
public:
  explicit EnvironmentReads(EnvironmentLookup lookup);

  // The lookup, noting what it finds. It shares the note with this object
  // and may outlive it.
  EnvironmentLookup watched() const;
  // `is_secret`, noting when it says a file is secret: values of a secret
  // file read along the way (an import) are as sensitive as a variable's.
  std::function<bool(const std::filesystem::path&)>
  watching(std::function<bool(const std::filesystem::path&)> is_secret) const;
  // Whether a variable that counts was found set, or a secret file met.
  bool any() const { return notes_->found; }
  // The variables looked up through `watched()`, sorted, each once.
  std::vector<std::string> names() const;

private:
  struct Notes {
    bool found = false;
    std::set<std::string> names;
  };
  EnvironmentLookup lookup_;
  std::shared_ptr<Notes> notes_ = std::make_shared<Notes>();
};

} // namespace polar::dhall
