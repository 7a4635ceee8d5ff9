#include "syntax/parser.h"

#include <algorithm>
#include <cstdint>
#include <limits>

#include "syntax/detail/parser_impl.h"
#include "syntax/import_text.h"
#include "syntax/source_notes.h"

namespace polar::dhall {
namespace parsing {

Parsed Parser::make_node(Node&& node, std::size_t begin, std::uint32_t child_depth) {
  if (child_depth >= max_depth) {
    fail_too_deep(begin);
  }
  return {make_expr(std::move(node), span(begin, pos_)), child_depth + 1};
}

void Parser::note_fields(const ExprPtr& node, std::vector<FieldNote> fields) {
  notes_->fields.emplace(node.get(), std::move(fields));
}

void Parser::fail_too_deep(std::size_t at) const {
  fail_at(at, concat("expression nested too deeply (the limit is ", std::to_string(max_depth),
                     " levels)"));
}

void Parser::fail_after_expression(std::size_t at, std::string_view what) const {
  std::string message = concat("expected ", what, ", found ", describe(at));
  char c = char_at(at);
  if (keyword_at(at) == Keyword::with) {
    message += " (the left side of `with` must be a variable, a field, a record or "
               "parenthesized)";
  } else if (at == pos_ && !at_end(at) && starts_import_expression(at) && !is_digit(c) &&
             c != '+' && c != '-') {
    message += " (a function and its argument must be separated by whitespace)";
  } else if (at > pos_ && starts_compound_expression(at)) {
    message += " (to pass it as an argument, put it in parentheses)";
  } else if (c == '.' && keyword_at(whitespace_end(at + 1)) != Keyword::none) {
    message += " (a field named like a keyword must be quoted with backticks)";
  }
  fail_at(at, std::move(message));
}

bool Parser::starts_compound_expression(std::size_t at) const {
  switch (keyword_at(at)) {
  case Keyword::if_:
  case Keyword::let_:
  case Keyword::forall:
  case Keyword::assert_:
  case Keyword::merge:
  case Keyword::some:
  case Keyword::to_map:
  case Keyword::show_constructor:
    return true;
  default:
    return char_at(at) == '\\' || starts_with_at(at, "\u03bb") || starts_with_at(at, "\u2200");
  }
}

void Parser::expect_after_expression(std::string_view token, std::string_view context) {
  std::size_t next = whitespace_end(pos_);
  if (!starts_with_at(next, token)) {
    fail_after_expression(next, concat("`", token, "` ", context));
  }
  pos_ = next + token.size();
}

std::size_t Parser::arrow_length(std::size_t at) const {
  if (char_at(at) == '-' && char_at(at + 1) == '>') {
    return 2;
  }
  if (char_at(at) == '\xE2' && starts_with_at(at, "\u2192")) {
    if (notes_ != nullptr) {
      notes_->unicode = true;
    }
    return 3;
  }
  return 0;
}

std::size_t Parser::stack_in_use() const {
  // The frame address is the real stack even where sanitizers move locals
  // to a heap "fake stack". The stack grows down on every supported target.
  auto here = reinterpret_cast<std::uintptr_t>(__builtin_frame_address(0));
  return stack_base_ > here ? stack_base_ - here : 0;
}

ExprPtr Parser::parse_file() {
  stack_base_ = reinterpret_cast<std::uintptr_t>(__builtin_frame_address(0));
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

NotedExpr parse_with_notes(SourcePtr source) {
  if (source->text.size() >= std::numeric_limits<std::uint32_t>::max()) {
    throw Error(ErrorKind::parse, source->name + ": file too large to parse (4 GiB or more)");
  }
  parsing::validate_characters(source);
  NotedExpr result;
  result.expr = parsing::Parser(std::move(source), &result.notes).parse_file();
  return result;
}

ImportText import_text(const SourcePtr& source, std::size_t begin) {
  return parsing::Parser(source).import_text_at(begin);
}

ExprPtr parse_text(std::string_view text, std::string name) {
  return parse(std::make_shared<const SourceFile>(SourceFile{std::move(name), std::string(text)}));
}

} // namespace polar::dhall
