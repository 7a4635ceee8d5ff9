// The formatter (syntax/format.h): golden cases for the layout rules of
// `dhall format` (format_cases/NAME.in.dhall formats to NAME.out.dhall, the
// expected text written from dhall-haskell's rules), the comment rules of
// docs/format.md, and the properties every formatting must have.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "binary/encode.h"
#include "syntax/detail/doc.h"
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

SourcePtr source_of(std::string text, std::string name = "test.dhall") {
  return std::make_shared<const SourceFile>(SourceFile{std::move(name), std::move(text)});
}

std::string format(const std::string& text, FormatOptions options = {}) {
  return format_source(source_of(text), options);
}

std::vector<std::string> comments_of(const std::string& text) {
  auto source = source_of(text);
  NotedExpr parsed = parse_with_notes(source);
  std::vector<std::string> result;
  for (const Comment& comment : parsed.notes.comments) {
    std::string kept;
    for (char c : text.substr(comment.begin, comment.end - comment.begin)) {
      if (c != ' ' && c != '\n' && c != '\t' && c != '\r') {
        kept += c;
      }
    }
    result.push_back(kept);
  }
  return result;
}

std::vector<std::uint8_t> meaning(const std::string& text) {
  return encode(*flatten_interpolated_text(parse_text(text)));
}

// The properties of every formatting: a fixed point, the same expression,
// the same comments in the same order.
void expect_properties(const std::string& original, const std::string& formatted) {
  EXPECT_EQ(format(formatted), formatted) << "not idempotent";
  EXPECT_EQ(meaning(formatted), meaning(original)) << "the meaning changed";
  EXPECT_EQ(comments_of(formatted), comments_of(original)) << "a comment was lost";
}

TEST(Format, GoldenCases) {
  fs::path directory = fs::path(POLAR_HELM_FORMAT_CASES);
  std::size_t cases = 0;
  for (const auto& entry : fs::directory_iterator(directory)) {
    std::string name = entry.path().filename().string();
    if (!name.ends_with(".in.dhall")) {
      continue;
    }
    std::string stem = name.substr(0, name.size() - std::string(".in.dhall").size());
    SCOPED_TRACE(stem);
    std::string input = read(entry.path());
    std::string expected = read(directory / (stem + ".out.dhall"));
    std::string formatted = format(input);
    EXPECT_EQ(formatted, expected);
    expect_properties(input, formatted);
    ++cases;
  }
  EXPECT_GE(cases, 15U);
}

TEST(Format, ChainsOfAnyLengthWithoutOverflowingTheStack) {
  // A let block, an application spine and an operator chain 100,000 long:
  // each a tree as deep as it is long, the flattening of its layout and the
  // check of its meaning crashed before they were followed in loops.
  std::string source;
  for (int index = 0; index < 100000; ++index) {
    source += "let x" + std::to_string(index) + " = " + std::to_string(index) + "\n";
  }
  source += "in  { a = f";
  for (int index = 0; index < 100000; ++index) {
    source += " 1";
  }
  source += ", b = 0";
  for (int index = 0; index < 100000; ++index) {
    source += " + 1";
  }
  source += " }\n";
  std::string formatted = format(source);
  EXPECT_EQ(formatted.substr(0, 22), "let x0 = 0\n\nlet x1 = 1");
  EXPECT_EQ(meaning(formatted), meaning(source));
}

TEST(Format, EndsWithOneNewline) {
  EXPECT_EQ(format("1"), "1\n");
  EXPECT_EQ(format("\n\n  { a = 1 }  \n\n"), "{ a = 1 }\n");
}

TEST(Format, HeaderKeptVerbatim) {
  EXPECT_EQ(format("  -- a header\n--   kept   as is\n\n\n{ a = 1 }"),
            "-- a header\n--   kept   as is\n{ a = 1 }\n");
}

TEST(Format, FieldsKeepTheirOrder) {
  EXPECT_EQ(format("{ z = 1, a = 2, m = 3 }"), "{ z = 1, a = 2, m = 3 }\n");
  EXPECT_EQ(format("{ z : Natural, a : Text }"), "{ z : Natural, a : Text }\n");
  EXPECT_EQ(format("< Z | A : Natural | M >"), "< Z | A : Natural | M >\n");
}

TEST(Format, CharacterSets) {
  std::string unicode = "λ(x : Natural) → x";
  std::string ascii = "\\(x : Natural) -> x";
  EXPECT_EQ(format(unicode), unicode + "\n");
  EXPECT_EQ(format(ascii), ascii + "\n"); // as written
  FormatOptions to_ascii;
  to_ascii.characters = CharacterSet::ascii;
  EXPECT_EQ(format(unicode, to_ascii), ascii + "\n");
  FormatOptions to_unicode;
  to_unicode.characters = CharacterSet::unicode;
  EXPECT_EQ(format(ascii, to_unicode), unicode + "\n");
  EXPECT_EQ(format("forall (a : Type) -> a === a /\\ {=} // {=} //\\\\ {}", to_unicode),
            "∀(a : Type) → a ≡ a ∧ {=} ⫽ {=} ⩓ {}\n");
  EXPECT_EQ(format("∀(a : Type) → a ≡ a ∧ {=} ⫽ {=} ⩓ {}", to_ascii),
            "forall (a : Type) -> a === a /\\ {=} // {=} //\\\\ {}\n");
}

TEST(Format, AnnotatedMergeKeepsItsParentheses) {
  EXPECT_EQ(format("(merge x y) : T"), "(merge x y) : T\n");
  EXPECT_EQ(format("merge x y : T"), "merge x y : T\n");
}

TEST(Format, TextWithControlCharactersStaysExact) {
  std::string input = "\"a\\n\\u0001b\\n  'c'\"";
  std::string formatted = format(input);
  EXPECT_EQ(formatted, "''\na\n${\"\\u0001\"}b\n  'c${\"'\"}''\n");
  expect_properties(input, formatted);
}

TEST(FormatComments, TrailingCommentStaysOnItsLine) {
  std::string input = "{ a = 1 -- one\n, b = 2 }";
  EXPECT_EQ(format(input), "{ a = 1 -- one\n, b = 2\n}\n");
}

TEST(FormatComments, CommentBeforeAFieldStaysBeforeIt) {
  std::string input = "{ a = 1, -- about b\n b = 2 }";
  EXPECT_EQ(format(input), "{ a = 1\n, -- about b\n  b = 2\n}\n");
}

TEST(FormatComments, CommentBeforeClosingBracket) {
  std::string input = "[ 1, 2\n-- more to come\n]";
  EXPECT_EQ(format(input), "[ 1\n, 2\n-- more to come\n]\n");
}

TEST(FormatComments, CommentsBetweenLetsAndAfterLet) {
  std::string input = "let a = 1\n-- b is two\nlet {- the name -} b = 2\n-- done\nin a + b\n";
  EXPECT_EQ(format(input),
            "let a = 1\n\n-- b is two\nlet {- the name -} b = 2\n\n-- done\nin  a + b\n");
}

TEST(FormatComments, CommentAfterTheExpressionEndsTheFile) {
  EXPECT_EQ(format("1\n-- the end\n"), "1\n-- the end\n");
  EXPECT_EQ(format("1 {- trailing -}"), "1 {- trailing -}\n");
}

TEST(FormatComments, BlockCommentLinesKeepTheirRelativeIndentation) {
  std::string input = "let x =\n  {- first\n       deeper\n     base\n  -}\n  1\nin x";
  std::string formatted = format(input);
  EXPECT_EQ(
      formatted,
      "let x =\n      {- first\n           deeper\n         base\n      -}\n      1\n\nin  x\n");
  expect_properties(input, formatted);
}

TEST(FormatComments, EveryPositionKeepsItsComment) {
  // A comment in front of (and after) every token of a small program.
  std::string input = R"(-- header
let {- 1 -} f {- 2 -} = {- 3 -} \({- 4 -} x {- 5 -} : {- 6 -} Natural {- 7 -}) {- 8 -} -> {- 9 -} x {- 10 -} + {- 11 -} 1 {- 12 -}
let {- 13 -} r = {- 14 -} { {- 15 -} a {- 16 -} = {- 17 -} [ {- 18 -} 1 {- 19 -} , {- 20 -} 2 {- 21 -} ] {- 22 -} , {- 23 -} b.c {- 24 -} = {- 25 -} "t" {- 26 -} }
in {- 27 -} if {- 28 -} True {- 29 -} then {- 30 -} f {- 31 -} r.b.c {- 32 -} else {- 33 -} merge {- 34 -} { A = 0 } {- 35 -} (< A >.A) {- 36 -}
-- footer
)";
  std::string formatted = format(input);
  expect_properties(input, formatted);
  EXPECT_EQ(comments_of(formatted).size(), 38U);
}

TEST(FormatNotes, ParsingWithNotesBuildsTheSameTree) {
  std::string text = "-- c\nlet a = { z = 1, a = 2 } -- d\nin a.z";
  auto source = source_of(text);
  EXPECT_EQ(encode(*parse_with_notes(source).expr), encode(*parse(source)));
  NotedExpr parsed = parse_with_notes(source);
  ASSERT_EQ(parsed.notes.comments.size(), 2U);
  EXPECT_EQ(text.substr(parsed.notes.comments[0].begin,
                        parsed.notes.comments[0].end - parsed.notes.comments[0].begin),
            "-- c");
  EXPECT_EQ(text.substr(parsed.notes.comments[1].begin,
                        parsed.notes.comments[1].end - parsed.notes.comments[1].begin),
            "-- d");
}

// The Doc algebra: groups are flat when they fit (and what follows them up
// to the next line break at the group's indentation), else broken.
TEST(FormatDoc, GroupsBreakOnlyWhenTheyDoNotFit) {
  using namespace doc;
  Doc items = group(
      flat_alt(text("[ a") + hardline() + text(", b") + hardline() + text("]"), text("[ a, b ]")));
  EXPECT_EQ(render(items, 80), "[ a, b ]");
  EXPECT_EQ(render(items, 7), "[ a\n, b\n]");
  EXPECT_EQ(render(text("x = ") + align(items), 7), "x = [ a\n    , b\n    ]");
  EXPECT_EQ(render(nest(2, text("f") + hardline() + text("a")), 80), "f\n  a");
  EXPECT_EQ(render(group(text("a") + hardline() + text("b")), 80), "a\nb"); // never flat
  EXPECT_EQ(render(text("a  ") + hardline() + text("b"), 80), "a\nb");      // trailing spaces
  EXPECT_EQ(render(text("a  ", true) + hardline() + text("b"), 80), "a  \nb");
}

TEST(FormatDoc, LineSuffixWaitsForTheLineBreak) {
  using namespace doc;
  Doc pair = group(flat_alt(text("a") + line_suffix(" -- c") + hardline() + text("b"),
                            text("a") + line_suffix(" -- c") + text(" b")));
  EXPECT_EQ(render(pair, 80), "a -- c\nb");
}

} // namespace
} // namespace polar::dhall
