// Lint on every file of the Prelude (../shared, read in place): each comes
// back byte for byte (the Prelude is kept `dhall lint`ed), linting twice
// changes nothing more, and the linted text means the same (the same
// semantic hash, its imports resolved from the file's folder).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "binary/hash.h"
#include "imports/load.h"
#include "semantics/eval.h"
#include "support/file_io.h"
#include "syntax/format.h"
#include "syntax/parser.h"
#include "tooling/lint.h"

namespace polar::dhall {
namespace {

namespace fs = std::filesystem;

// What `polar-helm lint` writes (tools/polar-helm/lint_command.cpp): the
// rewrites, laid out by the formatter with the file's comments.
std::string linted(const SourcePtr& source) {
  NotedExpr parsed = parse_with_notes(source);
  parsed.expr = lint(parsed.expr);
  return format_source(source, parsed);
}

// Loads with an empty environment: no integrity cache of the user's is read
// or filled, so `missing sha256:… ? ./x.dhall` reads the file.
std::string meaning(const SourcePtr& source, const fs::path& directory) {
  LoadOptions options;
  options.environment = [](const std::string&) { return std::optional<std::string>(); };
  return semantic_hash(*alpha_normalize(load_source(source, directory, options).normal_form()));
}

TEST(LintRoundTrip, EveryPreludeFileKeepsItsMeaningAndLintsOnce) {
  fs::path prelude = fs::path(POLAR_HELM_SHARED_DIR) / "dhall-lang" / "Prelude";
  if (!fs::is_directory(prelude)) {
    GTEST_SKIP() << "no Prelude at " << prelude;
  }
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(prelude)) {
    if (entry.is_regular_file() && entry.path().extension() == ".dhall") {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  ASSERT_GT(files.size(), 200U);
  std::size_t changed = 0;
  for (const fs::path& file : files) {
    SCOPED_TRACE(file.string());
    auto original =
        std::make_shared<SourceFile>(SourceFile{file.string(), *read_regular_file(file)});
    std::string once = linted(original);
    auto linted_source = std::make_shared<SourceFile>(SourceFile{file.string(), once});
    EXPECT_EQ(linted(linted_source), once);
    EXPECT_EQ(meaning(linted_source, file.parent_path()), meaning(original, file.parent_path()));
    changed += once != original->text ? 1 : 0;
  }
  // The Prelude is kept `dhall lint`ed upstream: lint, laid out as format
  // lays it out, gives back every file byte for byte.
  EXPECT_EQ(changed, 0U);
}

} // namespace
} // namespace polar::dhall
