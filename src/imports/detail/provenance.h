#pragma once
// What the result of an import was decided by, as far as the build cache is
// concerned: the local imports it made (with their keys), and whether it
// read anything that no file pins or that is secret.
#include <algorithm>
#include <vector>

#include "imports/detail/build_cache.h"

namespace polar::dhall {

struct Provenance {
  // Direct local imports, in the order first made, each once.
  std::vector<BuildDependency> dependencies;
  // The result may change while every file stays the same: it read `env:`,
  // a remote import without a hash, or fell back (`?`) from a failure that
  // is not simply a missing file.
  bool is_volatile = false;
  // It read an `env:` variable or a secret file, here or below.
  bool secret = false;

  bool cacheable() const { return !is_volatile && !secret; }

  void depend_on(const BuildDependency& dependency) {
    if (std::ranges::find(dependencies, dependency) == dependencies.end()) {
      dependencies.push_back(dependency);
    }
  }

  // Adds what an import contributed to its importer's provenance.
  void add(const Provenance& contribution) {
    for (const auto& dependency : contribution.dependencies) {
      depend_on(dependency);
    }
    is_volatile = is_volatile || contribution.is_volatile;
    secret = secret || contribution.secret;
  }
};

} // namespace polar::dhall
