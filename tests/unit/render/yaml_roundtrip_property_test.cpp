// Property: for any JSON data, reading our YAML back (yaml-cpp, with YAML 1.1
// and 1.2 scalar resolution) gives exactly that data.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <bit>
#include <cmath>
#include <random>

#include "render/detail/yaml_writer.h"
#include "render/json_writer.h"
#include "yaml_reading.h"

namespace polar::render {
namespace {

// Strings that YAML readers are known to take for something else, or that
// stress quoting, escaping and block scalars.
const std::vector<std::string> tricky_strings = {
    "",
    " ",
    "yes",
    "No",
    "ON",
    "off",
    "y",
    "N",
    "~",
    "null",
    "NULL",
    "true",
    "False",
    "1e3",
    "0x1F",
    "0o17",
    "012",
    "1_000",
    "190:20:30",
    "2001-12-14",
    "2001-12-14t21:59:43.10-05:00",
    ".inf",
    "-.Inf",
    ".NaN",
    "+1",
    "-1",
    "1.0",
    "=",
    "<<",
    "a: b",
    "a:",
    ":a",
    "a #b",
    "#",
    "-",
    "- a",
    "? x",
    "[a]",
    "{a: b}",
    "*alias",
    "&anchor",
    "!tag",
    "%directive",
    "@at",
    "`tick",
    "'",
    "\"",
    "|",
    ">",
    "...",
    "---",
    "--- x",
    "\t",
    "x\ty",
    "\n",
    "a\n",
    "\na",
    "a\n\n",
    "a\nb",
    "  lead",
    "trail  ",
    "  both\n  lines  \n",
    "\n\n  after blanks\n",
    "\t\ttabs\n",
    "é ünïcödé 😀",
    "\xe2\x80\xa8",
    "\xc2\x85",
    "\xef\xbb\xbf",
    "\x7f",
    "\x01\x02",
    "\r\n",
    "x\r",
    std::string("nul\0byte", 8),
    "{{ .Values.x }}",
    "key: value\nother: thing\n",
    "--- \n...\n",
    "# not a comment\n",
    "line\n  indented\n",
};

class Generator {
public:
  explicit Generator(std::uint32_t seed) : random_(seed) {}

  Json value(int depth) {
    switch (pick(depth > 0 ? 8 : 5)) {
    case 0:
      return Json::null();
    case 1:
      return Json::boolean(pick(2) == 0);
    case 2:
      return Json::number(number());
    case 3:
    case 4:
      return Json::string(string());
    case 5:
    case 6: {
      JsonObject fields;
      for (std::size_t count = pick(5); count > 0; --count) {
        fields.insert_or_assign(string(), value(depth - 1));
      }
      return Json::object(std::move(fields));
    }
    default: {
      JsonArray items;
      for (std::size_t count = pick(5); count > 0; --count) {
        items.push_back(value(depth - 1));
      }
      return Json::array(std::move(items));
    }
    }
  }

private:
  std::size_t pick(std::size_t bound) {
    return std::uniform_int_distribution<std::size_t>(0, bound - 1)(random_);
  }

  JsonNumber number() {
    switch (pick(4)) {
    case 0:
      return JsonNumber::from_natural(dhall::Natural(pick(1000)));
    case 1:
      return JsonNumber::from_integer(dhall::Integer(static_cast<std::int64_t>(random_())));
    case 2: {
      std::string digits(1 + pick(40), '0');
      for (char& digit : digits) {
        digit = static_cast<char>('1' + pick(9));
      }
      return JsonNumber::from_natural(dhall::Natural::parse(digits).value());
    }
    default: {
      double value = 0;
      do {
        std::uint64_t bits = (std::uint64_t{random_()} << 32) | random_();
        value = std::bit_cast<double>(bits);
      } while (!std::isfinite(value));
      return JsonNumber::from_double(value);
    }
    }
  }

  std::string string() {
    switch (pick(6)) {
    case 0:
    case 1:
      return tricky_strings[pick(tricky_strings.size())];
    case 2:
      return std::string(1 + pick(3000), static_cast<char>('a' + pick(26))) + " long";
    default:
      return random_text(pick(30));
    }
  }

  // Letters, digits, punctuation, spaces, line breaks, tabs, controls and
  // multi-byte characters in random order.
  std::string random_text(std::size_t length) {
    const std::vector<std::string> pieces = {"a",           "Z",
                                             "0",           "9",
                                             " ",           " ",
                                             "\n",          "\t",
                                             ":",           "#",
                                             "-",           "'",
                                             "\"",          "\\",
                                             "{",           "}",
                                             "[",           ",",
                                             "&",           "*",
                                             "!",           "|",
                                             ">",           "%",
                                             "@",           "`",
                                             "?",           ".",
                                             "/",           "=",
                                             "~",           "\x01",
                                             "\x1f",        "\x7f",
                                             "\r",          "é",
                                             "😀",           "\xe2\x80\xa8",
                                             "\xc2\x85",    "\xef\xbb\xbf",
                                             "\xef\xbf\xbe"};
    std::string text;
    for (std::size_t i = 0; i < length; ++i) {
      text += pieces[pick(pieces.size())];
    }
    return text;
  }

  std::mt19937 random_;
};

void expect_round_trip(const Json& value, const YamlOptions& options, std::uint32_t seed) {
  std::string yaml = write_yaml(value, options);
  std::vector<Json> documents;
  try {
    documents = testing::read_yaml_documents(yaml);
  } catch (const std::exception& error) {
    FAIL() << "seed " << seed << ": " << error.what() << "\n" << yaml;
  }
  std::vector<Json> expected = {value};
  if (options.documents) {
    const auto* list = value.as<JsonArray>();
    expected = list ? *list : expected;
  }
  ASSERT_EQ(documents, expected) << "seed " << seed << "\n"
                                 << yaml << "\nexpected: " << write_json(value)
                                 << "read back: " << write_json(Json::array(documents));
}

TEST(YamlRoundTrip, TrickyStringsAsValuesAndKeys) {
  for (const std::string& text : tricky_strings) {
    expect_round_trip(Json::string(text), {}, 0);
    expect_round_trip(Json::object({{text, Json::string(text)}}), {}, 0);
    expect_round_trip(Json::array({Json::string(text)}), {.quoted = true}, 0);
  }
}

TEST(YamlRoundTrip, RandomValues) {
  for (std::uint32_t seed = 1; seed <= 3000; ++seed) {
    Generator generator(seed);
    Json value = generator.value(4);
    YamlOptions options{.documents = seed % 7 == 0, .quoted = seed % 5 == 0};
    expect_round_trip(value, options, seed);
    if (HasFatalFailure()) {
      return;
    }
  }
}

} // namespace
} // namespace polar::render
