// The binary files of the official test suite (dhall-lang/tests), checked
// without the parser: every canonical encoding must decode and re-encode to
// the same bytes, and every binary-decode failure must be rejected.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "binary/decode.h"
#include "binary/encode.h"

namespace polar::dhall {
namespace {

namespace fs = std::filesystem;

const fs::path tests_dir = fs::path(POLAR_HELM_SHARED_DIR) / "dhall-lang" / "tests";

std::vector<std::uint8_t> read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Files under `dir` whose name ends with `suffix`, in a stable order.
std::vector<fs::path> files(const fs::path& dir, const std::string& suffix) {
  std::vector<fs::path> result;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (entry.is_regular_file() && name.size() >= suffix.size() &&
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
      result.push_back(entry.path());
    }
  }
  std::sort(result.begin(), result.end());
  return result;
}

// Parser expectations are canonical encodings, so decoding and encoding
// again must give back the very same bytes.
TEST(StandardFiles, ParserExpectationsRoundTripExactly) {
  auto paths = files(tests_dir / "parser" / "success", "B.dhallb");
  ASSERT_GT(paths.size(), 250U);
  for (const auto& path : paths) {
    SCOPED_TRACE(path.string());
    auto bytes = read_bytes(path);
    try {
      EXPECT_EQ(encode(*decode(bytes)), bytes);
    } catch (const Error& error) {
      ADD_FAILURE() << error.message();
    }
  }
}

TEST(StandardFiles, BinaryDecodeSuccessesDecode) {
  auto paths = files(tests_dir / "binary-decode" / "success", "A.dhallb");
  ASSERT_GT(paths.size(), 50U);
  for (const auto& path : paths) {
    SCOPED_TRACE(path.string());
    try {
      ExprPtr expr = decode(read_bytes(path));
      // The canonical re-encoding decodes to the same expression.
      auto canonical = encode(*expr);
      EXPECT_EQ(encode(*decode(canonical)), canonical);
    } catch (const Error& error) {
      ADD_FAILURE() << error.message();
    }
  }
}

TEST(StandardFiles, BinaryDecodeFailuresAreRejected) {
  auto paths = files(tests_dir / "binary-decode" / "failure", ".dhallb");
  ASSERT_GT(paths.size(), 5U);
  for (const auto& path : paths) {
    SCOPED_TRACE(path.string());
    EXPECT_THROW(decode(read_bytes(path)), Error);
  }
}

} // namespace
} // namespace polar::dhall
