#include "checks.h"

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include "binary/decode.h"
#include "binary/encode.h"
#include "binary/hash.h"
#include "imports/detail/resolve.h"
#include "imports/load.h"
#include "semantics/eval.h"
#include "semantics/typecheck.h"
#include "syntax/parser.h"
#include "syntax/printer.h"

namespace polar::conformance {
namespace fs = std::filesystem;
using dhall::ExprPtr;

namespace {

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw std::runtime_error("cannot read " + path.string());
  }
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<std::uint8_t> read_bytes(const fs::path& path) {
  std::string text = read_file(path);
  return {text.begin(), text.end()};
}

// Paths as the suite wants them: relative to the folder that holds dhall-lang,
// so `as Location` results look like "./dhall-lang/tests/...".
fs::path suite_relative(const fs::path& file, const SuiteLayout& layout) {
  return fs::path(".") / fs::relative(file, layout.shared_dir);
}

ExprPtr parse_file(const fs::path& file, const SuiteLayout& layout) {
  auto source = std::make_shared<dhall::SourceFile>(
      dhall::SourceFile{suite_relative(file, layout).string(), read_file(file)});
  return dhall::parse(source);
}

ExprPtr resolve(const ExprPtr& expr, const fs::path& file, const SuiteLayout& layout) {
  return dhall::resolve_imports(expr, suite_relative(file, layout), layout.import_options);
}

// Applies the variables of a fooENV.dhall file, a `List { mapKey, mapValue }`
// of Text, to this process's environment.
void apply_test_environment(const fs::path& env_file, const SuiteLayout& layout) {
  auto entries = dhall::normalize(parse_file(env_file, layout));
  const auto* list = entries->as<dhall::ListLit>();
  if (list == nullptr) {
    throw std::runtime_error("ENV file is not a list: " + env_file.string());
  }
  for (const auto& item : list->items) {
    const auto* record = item->as<dhall::RecordLit>();
    const auto* key = record->fields.at(dhall::Label("mapKey"))->as<dhall::TextLit>();
    const auto* value = record->fields.at(dhall::Label("mapValue"))->as<dhall::TextLit>();
    ::setenv(key->tail.c_str(), value->tail.c_str(), 1);
  }
}

void set_up_environment(const TestCase& test, const SuiteLayout& layout) {
  auto tests_dir = layout.shared_dir / "dhall-lang" / "tests";
  ::setenv("HOME", (tests_dir / "import" / "home").c_str(), 1);
  ::setenv("DHALL_TEST_VAR", "6 * 7", 1);
  bool uses_cache = test.category == "import";
  ::setenv("XDG_CACHE_HOME", (uses_cache ? layout.cache_dir : layout.empty_dir).c_str(), 1);
  if (::chdir(layout.shared_dir.c_str()) != 0) {
    throw std::runtime_error("cannot enter " + layout.shared_dir.string());
  }
  std::string stem = test.input.filename().string();
  stem = stem.substr(0, stem.rfind(test.expectation == Expectation::success ? 'A' : '.'));
  auto env_file = test.input.parent_path() / (stem + "ENV.dhall");
  if (fs::exists(env_file)) {
    apply_test_environment(env_file, layout);
  }
}

void expect_same(const ExprPtr& actual, const ExprPtr& expected, const char* what) {
  if (dhall::encode(*actual) != dhall::encode(*expected)) {
    throw std::runtime_error(std::string(what) + " differs\n  expected: " +
                             dhall::print(*expected) + "\n  actual:   " + dhall::print(*actual));
  }
}

// The A side of a success test, or the failure input, as each category reads it.
ExprPtr evaluate_input(const TestCase& test, const SuiteLayout& layout) {
  const auto& category = test.category;
  if (category == "binary-decode") {
    auto bytes = read_bytes(test.input);
    return dhall::decode(bytes);
  }
  auto expr = parse_file(test.input, layout);
  if (category == "parser") {
    return expr;
  }
  if (category == "alpha-normalization") {
    return dhall::alpha_normalize(expr);
  }
  expr = resolve(expr, test.input, layout);
  if (category == "normalization") {
    return dhall::normalize(expr);
  }
  if (category == "type-inference") {
    return dhall::type_of(expr);
  }
  if (category == "semantic-hash") {
    return dhall::alpha_normalize(dhall::normalize(expr));
  }
  // import: failure tests fail during resolution; success results are compared normalized.
  return dhall::normalize(expr);
}

void check_success(const TestCase& test, const SuiteLayout& layout) {
  auto actual = evaluate_input(test, layout);
  const auto& category = test.category;
  if (category == "parser") {
    if (dhall::encode(*actual) != read_bytes(test.expected)) {
      throw std::runtime_error("encoding differs from " + test.expected.filename().string() +
                               "\n  parsed: " + dhall::print(*actual));
    }
    return;
  }
  if (category == "semantic-hash") {
    std::string expected = read_file(test.expected);
    while (!expected.empty() && (expected.back() == '\n' || expected.back() == ' ')) {
      expected.pop_back();
    }
    std::string hash = dhall::semantic_hash(*actual);
    if (hash != expected) {
      throw std::runtime_error("hash " + hash + " instead of " + expected +
                               "\n  normal form: " + dhall::print(*actual));
    }
    // The same read back from the value in pieces, as `polar-helm hash` does.
    dhall::Loaded loaded;
    loaded.value =
        dhall::eval(dhall::Env{}, resolve(parse_file(test.input, layout), test.input, layout));
    std::string streamed = "sha256:" + dhall::to_hex(dhall::semantic_digest(loaded));
    if (streamed != expected) {
      throw std::runtime_error("hash read back in pieces " + streamed + " instead of " + expected);
    }
    return;
  }
  auto expected = parse_file(test.expected, layout);
  if (category == "alpha-normalization") {
    expected = dhall::alpha_normalize(expected);
  } else if (category == "import") {
    expected = dhall::normalize(resolve(expected, test.expected, layout));
  }
  expect_same(actual, expected, category == "type-inference" ? "inferred type" : "result");
}

std::string check_failure(const TestCase& test, const SuiteLayout& layout) {
  try {
    auto result = evaluate_input(test, layout);
    // A failure test of the type checker must fail in type_of; the others
    // may fail at any stage before.
    throw std::runtime_error("accepted input that must be rejected; result: " +
                             dhall::print(*result));
  } catch (const dhall::Error& error) {
    // Rejected with a proper diagnostic: that is the expected outcome.
    return error.message();
  }
}

} // namespace

std::string check(const TestCase& test, const SuiteLayout& layout) {
  set_up_environment(test, layout);
  if (test.expectation == Expectation::success) {
    check_success(test, layout);
    return "";
  }
  return check_failure(test, layout);
}

} // namespace polar::conformance
