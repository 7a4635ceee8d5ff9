#pragma once
// A scratch project for resolver tests: files in a temporary directory, an
// environment and an integrity cache of the test's own (the process
// environment and the user's cache are never touched), warnings collected.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "binary/encode.h"
#include "imports/detail/resolve.h"
#include "imports/load.h"
#include "semantics/eval.h"
#include "syntax/parser.h"
#include "syntax/printer.h"
#include "temp_tree.h"

namespace polar::dhall::testing {

class ResolverTest : public ::testing::Test {
protected:
  ResolverTest() {
    options.working_directory = tree.root();
    options.environment = [this](const std::string& name) -> std::optional<std::string> {
      auto found = variables.find(name);
      return found == variables.end() ? std::nullopt : std::optional(found->second);
    };
    options.integrity_cache = std::make_shared<DirectoryIntegrityCache>(
        std::vector<std::filesystem::path>{tree.root() / "cache" / "dhall"});
    options.on_warning = [this](std::string_view warning) { warnings.emplace_back(warning); };
    variables["HOME"] = (tree.root() / "home").string();
  }

  void write(const std::filesystem::path& relative, std::string_view contents) {
    tree.write(relative, contents);
  }

  // The normal form of the file at `relative` (below the working directory).
  std::string load(const std::filesystem::path& relative) {
    return print(*load_file(relative, options).normal_form());
  }

  // Does the file at `relative` load as the normal form of `expected`?
  ::testing::AssertionResult loads_as(const std::filesystem::path& relative,
                                      const std::string& expected) {
    auto actual = load_file(relative, options).normal_form();
    auto wanted = normalize(parse_text(expected));
    if (encode(*actual) == encode(*wanted)) {
      return ::testing::AssertionSuccess();
    }
    return ::testing::AssertionFailure()
           << relative << " loads as " << print(*actual) << "\ninstead of " << print(*wanted);
  }

  // The error loading `relative` throws; fails the test when it loads.
  Error load_error(const std::filesystem::path& relative) {
    try {
      auto loaded = load_file(relative, options);
      ADD_FAILURE() << relative << " loaded as " << print(*loaded.normal_form());
    } catch (const Error& error) {
      return error;
    }
    return Error(ErrorKind::import, "no error");
  }

  bool is_absent(const std::filesystem::path& relative) {
    try {
      load_file(relative, options);
    } catch (const Error& error) {
      return error.is_absent_import();
    }
    return false;
  }

  TempTree tree;
  std::map<std::string, std::string> variables;
  std::vector<std::string> warnings;
  LoadOptions options;
};

} // namespace polar::dhall::testing
