// The formatter over real code: every file of the Dhall Prelude and of the
// dhall-kubernetes examples (both kept formatted by `dhall format` upstream)
// formats to itself byte for byte, and also from a layout 200 and 30
// columns wide, with the same expression and every comment kept.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "binary/encode.h"
#include "syntax/format.h"
#include "syntax/parser.h"
#include "syntax/source_notes.h"
#include "syntax/text_flattening.h"

namespace polar::dhall {
namespace {

namespace fs = std::filesystem;

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

SourcePtr source_of(const std::string& text) {
  return std::make_shared<const SourceFile>(SourceFile{"test.dhall", text});
}

std::string format_at(const std::string& text, int width) {
  FormatOptions options;
  options.width = width;
  return format_source(source_of(text), options);
}

std::size_t comment_count(const std::string& text) {
  return parse_with_notes(source_of(text)).notes.comments.size();
}

void expect_round_trips(const fs::path& directory, std::size_t at_least) {
  if (!fs::exists(directory)) {
    GTEST_SKIP() << directory << " is not there";
  }
  std::size_t files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(directory)) {
    if (entry.path().extension() != ".dhall") {
      continue;
    }
    SCOPED_TRACE(entry.path().string());
    std::string original = read(entry.path());
    std::string formatted = format_at(original, 80);
    EXPECT_EQ(formatted, original) << "not dhall format's layout";
    EXPECT_EQ(format_at(formatted, 80), formatted) << "not idempotent";
    EXPECT_EQ(encode(*flatten_interpolated_text(parse_text(formatted))),
              encode(*flatten_interpolated_text(parse_text(original))));
    EXPECT_EQ(comment_count(formatted), comment_count(original));
    for (int width : {200, 30}) {
      std::string other = format_at(original, width);
      EXPECT_EQ(comment_count(other), comment_count(original));
      EXPECT_EQ(format_at(other, 80), original) << "from width " << width;
    }
    ++files;
  }
  EXPECT_GE(files, at_least);
}

TEST(FormatRoundTrip, Prelude) {
  expect_round_trips(fs::path(POLAR_HELM_SHARED_DIR) / "dhall-lang" / "Prelude", 250);
}

TEST(FormatRoundTrip, KubernetesExamples) {
  expect_round_trips(fs::path(POLAR_HELM_SHARED_DIR) / "dhall-kubernetes" / "examples", 5);
}

} // namespace
} // namespace polar::dhall
