#include "syntax/parser.h"

#include <cstdint>
#include <limits>

#include "syntax/parser_impl.h"

namespace polar::dhall {
namespace parsing {

Parsed Parser::make_node(Node &&node, std::size_t begin, std::uint32_t child_depth) {
  if (child_depth >= max_depth) {
    fail_too_deep(begin);
  }
  return {make_expr(std::move(node), span(begin, pos_)), child_depth + 1};
}

void Parser::fail_too_deep(std::size_t at) const {
  fail_at(at, "expression nested too deeply (more than " + std::to_string(max_depth) +
                  " levels)");
}

void Parser::fail_after_expression(std::size_t at, std::string_view what) const {
  std::string message = "expected " + std::string(what) + ", found " + describe(at);
  if (keyword_at(at) == Keyword::with) {
    message += " (the left side of `with` must be a variable, a field, a record or "
               "parenthesized)";
  } else if (at == pos_ && !at_end(at) && starts_import_expression(at)) {
    message += " (a function and its argument must be separated by whitespace)";
  }
  fail_at(at, std::move(message));
}

void Parser::expect_after_expression(std::string_view token, std::string_view context) {
  std::size_t next = whitespace_end(pos_);
  if (!starts_with_at(next, token)) {
    fail_after_expression(next, "`" + std::string(token) + "` " + std::string(context));
  }
  pos_ = next + token.size();
}

std::size_t Parser::arrow_length(std::size_t at) const {
  if (char_at(at) == '-' && char_at(at + 1) == '>') {
    return 2;
  }
  if (char_at(at) == '\xE2' && starts_with_at(at, "\u2192")) {
    return 3;
  }
  return 0;
}

ExprPtr Parser::parse_file() {
  // `#!` lines are allowed at the very beginning only.
  while (looking_at("#!")) {
    std::size_t newline = text_.find('\n', pos_);
    if (newline == npos) {
      fail_expected(text_.size(), "a newline after the `#!` line");
    }
    pos_ = newline + 1;
  }
  skip_whitespace();
  Parsed result = parse_expression();
  std::size_t end = whitespace_end(pos_);
  if (!at_end(end)) {
    fail_after_expression(end, "the end of the input");
  }
  return std::move(result.expr);
}

} // namespace parsing

ExprPtr parse(SourcePtr source) {
  if (source->text.size() >= std::numeric_limits<std::uint32_t>::max()) {
    throw Error(ErrorKind::parse, source->name + ": file too large to parse (4 GiB or more)");
  }
  parsing::validate_characters(source);
  return parsing::Parser(std::move(source)).parse_file();
}

ExprPtr parse_text(std::string_view text, std::string name) {
  return parse(std::make_shared<const SourceFile>(SourceFile{std::move(name), std::string(text)}));
}

} // namespace polar::dhall
