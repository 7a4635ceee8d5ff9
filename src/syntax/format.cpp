#include "syntax/format.h"

#include <algorithm>
#include <string_view>
#include <vector>

#include "syntax/detail/doc.h"
#include "syntax/header.h"
#include "syntax/literals.h"
#include "syntax/parser.h"
#include "syntax/print_tokens.h"

// The layout rules of dhall-haskell's pretty-printer (Dhall.Pretty.Internal),
// stated in the terms of syntax/detail/doc.h. The printer descends the grammar's
// levels, from `expression` down to `primitive-expression`; each level
// handles its own constructs and hands the rest down, and what reaches the
// bottom unhandled is parenthesized. Groups (`group(flat_alt(wide, flat))`)
// are on one line when they fit, else broken as their wide form says.

namespace polar::dhall {
namespace {

using doc::align;
using doc::Doc;
using doc::flat_alt;
using doc::group;
using doc::hardline;
using printing::field_label;
using printing::variable_label;

Doc t(std::string_view text) {
  return doc::text(text);
}

enum class Level : int {
  expression = 0,
  annotated = 1,
  first_operator = 2, // then one level per operator, loosest first
  application = 15,
  import_expression = 16,
  completion = 17,
  selector = 18,
  primitive = 19,
};

int operator_rank(Op op) {
  switch (op) {
  case Op::equivalent:
    return 0;
  case Op::import_alt:
    return 1;
  case Op::bool_or:
    return 2;
  case Op::natural_plus:
    return 3;
  case Op::text_append:
    return 4;
  case Op::list_append:
    return 5;
  case Op::bool_and:
    return 6;
  case Op::combine:
    return 7;
  case Op::prefer:
    return 8;
  case Op::combine_types:
    return 9;
  case Op::natural_times:
    return 10;
  case Op::bool_eq:
    return 11;
  case Op::bool_ne:
    return 12;
  case Op::record_completion:
    break;
  }
  return 0;
}

Level operator_level(Op op) {
  return static_cast<Level>(static_cast<int>(Level::first_operator) + operator_rank(op));
}

Level next_level(Level level) {
  return static_cast<Level>(static_cast<int>(level) + 1);
}

std::size_t code_points(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

bool is_space(char c) {
  return c == ' ' || c == '\t';
}

bool is_whitespace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// Consecutive comments with only whitespace between them, printed as one
// block as written (blank lines between them kept).
struct CommentRun {
  std::uint32_t begin;
  std::uint32_t end;
  bool newline_after; // the next token was on a later line
};

std::vector<CommentRun> comment_runs(std::string_view text, const std::vector<Comment>& comments,
                                     std::uint32_t from) {
  std::vector<CommentRun> runs;
  bool last_trails = false;
  for (const Comment& comment : comments) {
    if (comment.begin < from) {
      continue; // the header's
    }
    // A comment after code on its line stands alone (it may stay there).
    std::size_t line_start = text.rfind('\n', comment.begin == 0 ? 0 : comment.begin - 1);
    line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
    bool trails = !std::all_of(text.begin() + line_start, text.begin() + comment.begin, is_space);
    bool joins =
        !runs.empty() && !trails && !last_trails &&
        std::all_of(text.begin() + runs.back().end, text.begin() + comment.begin, is_whitespace);
    last_trails = trails;
    if (joins) {
      runs.back().end = comment.end;
    } else {
      runs.push_back({comment.begin, comment.end, false});
    }
  }
  for (CommentRun& run : runs) {
    std::size_t at = run.end;
    while (at < text.size() && is_whitespace(text[at]) && text[at] != '\n') {
      ++at;
    }
    run.newline_after = at >= text.size() || text[at] == '\n';
  }
  return runs;
}

// The spaces and tabs `line` starts with.
std::string_view leading_spaces(std::string_view line) {
  std::size_t indent = 0;
  while (indent < line.size() && is_space(line[indent])) {
    ++indent;
  }
  return line.substr(0, indent);
}

// The start `a` and `b` share, in `a`.
std::string_view common_prefix(std::string_view a, std::string_view b) {
  std::size_t common = 0;
  while (common < a.size() && common < b.size() && a[common] == b[common]) {
    ++common;
  }
  return a.substr(0, common);
}

// A comment block: its first line where it is printed, the following lines
// re-indented by what they had in common (dhall-haskell's renderComment),
// trailing spaces removed.
Doc comment_doc(std::string_view text) {
  std::vector<std::string_view> lines;
  for (;;) {
    std::size_t newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    while (!line.empty() && (is_space(line.back()) || line.back() == '\r')) {
      line.remove_suffix(1);
    }
    lines.push_back(line);
    if (newline == std::string_view::npos) {
      break;
    }
    text.remove_prefix(newline + 1);
  }
  std::optional<std::string_view> shared;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    std::string_view line = lines[i];
    if (std::all_of(line.begin(), line.end(), is_space)) {
      continue;
    }
    std::string_view prefix = leading_spaces(line);
    shared = shared ? common_prefix(*shared, prefix) : prefix;
  }
  Doc result = t(lines[0]);
  for (std::size_t i = 1; i < lines.size(); ++i) {
    std::string_view line = lines[i];
    if (shared && line.starts_with(*shared)) {
      line.remove_prefix(shared->size());
    }
    result += hardline() + t(line);
  }
  return align(result);
}

// Text chunks being prepared for a multi-line literal: interpolations are
// either expressions of the tree or plain text moved into `${"…"}`.
struct Piece {
  std::string prefix;
  const Expr* expr = nullptr;
  std::string literal; // when expr is null
};
struct Chunks {
  std::vector<Piece> pieces;
  std::string tail;

  void add_text(std::string_view text) { tail += text; }
  void add_interpolation(Piece piece) {
    piece.prefix = std::move(tail);
    tail.clear();
    pieces.push_back(std::move(piece));
  }
  void add_literal(std::string text) { add_interpolation(Piece{{}, nullptr, std::move(text)}); }
  void append(const Chunks& other) {
    for (const Piece& piece : other.pieces) {
      add_text(piece.prefix);
      add_interpolation(Piece{{}, piece.expr, piece.literal});
    }
    add_text(other.tail);
  }
};

// Applies `split` (text → chunks) to every text part.
template <typename Split>
Chunks split_texts(const Chunks& chunks, Split split) {
  Chunks result;
  for (const Piece& piece : chunks.pieces) {
    result.append(split(piece.prefix));
    result.add_interpolation(Piece{{}, piece.expr, piece.literal});
  }
  result.append(split(chunks.tail));
  return result;
}

std::vector<Chunks> split_lines(const Chunks& chunks) {
  std::vector<Chunks> lines(1);
  auto add_text = [&](std::string_view text) {
    for (;;) {
      std::size_t newline = text.find('\n');
      lines.back().add_text(text.substr(0, newline));
      if (newline == std::string_view::npos) {
        return;
      }
      lines.emplace_back();
      text.remove_prefix(newline + 1);
    }
  };
  for (const Piece& piece : chunks.pieces) {
    add_text(piece.prefix);
    lines.back().add_interpolation(Piece{{}, piece.expr, piece.literal});
  }
  add_text(chunks.tail);
  return lines;
}

Chunks join_lines(const std::vector<Chunks>& lines) {
  Chunks result;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) {
      result.add_text("\n");
    }
    result.append(lines[i]);
  }
  return result;
}

const std::string& first_text(const Chunks& line) {
  return line.pieces.empty() ? line.tail : line.pieces.front().prefix;
}

// Leading spaces and tabs every line shares (blank lines except the last do
// not count), which the parser would strip: they go into an interpolation.
Chunks escape_shared_whitespace(const Chunks& chunks) {
  std::vector<Chunks> lines = split_lines(chunks);
  std::optional<std::string> shared;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const Chunks& line = lines[i];
    bool empty = line.pieces.empty() && line.tail.empty();
    if (empty && i + 1 < lines.size()) {
      continue;
    }
    std::string_view prefix = leading_spaces(first_text(line));
    shared = std::string(shared ? common_prefix(*shared, prefix) : prefix);
  }
  if (!shared || shared->empty()) {
    return chunks;
  }
  for (Chunks& line : lines) {
    std::string& text = line.pieces.empty() ? line.tail : line.pieces.front().prefix;
    if (!text.starts_with(*shared)) {
      continue;
    }
    Chunks escaped;
    escaped.add_literal(*shared);
    Chunks rest = line;
    std::string& rest_text = rest.pieces.empty() ? rest.tail : rest.pieces.front().prefix;
    rest_text.erase(0, shared->size());
    escaped.append(rest);
    line = std::move(escaped);
  }
  return join_lines(lines);
}

// `'${` in text: the `${` would be escaped as `''${`, and `'''` reads as an
// escaped `''`, so the quote goes into an interpolation.
Chunks escape_quote_before_interpolation(const Chunks& chunks) {
  return split_texts(chunks, [](std::string_view text) {
    Chunks result;
    for (;;) {
      std::size_t at = text.find("'${");
      if (at == std::string_view::npos) {
        result.add_text(text);
        return result;
      }
      result.add_text(text.substr(0, at));
      result.add_literal("'");
      result.add_text("${");
      text.remove_prefix(at + 3);
    }
  });
}

// The length of a control character (other than tab and newline) at `at`:
// C0, DEL or C1 (U+0080-U+009F), or 0.
std::size_t control_length(std::string_view text, std::size_t at) {
  auto c = static_cast<unsigned char>(text[at]);
  if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F) {
    return 1;
  }
  if (c == 0xC2 && at + 1 < text.size()) {
    auto next = static_cast<unsigned char>(text[at + 1]);
    return next >= 0x80 && next <= 0x9F ? 2 : 0;
  }
  return 0;
}

Chunks escape_control_characters(const Chunks& chunks) {
  return split_texts(chunks, [](std::string_view text) {
    Chunks result;
    std::size_t at = 0;
    while (at < text.size()) {
      std::size_t run = at;
      while (run < text.size() && control_length(text, run) > 0) {
        run += control_length(text, run);
      }
      if (run > at) {
        result.add_literal(std::string(text.substr(at, run - at)));
        at = run;
      } else {
        result.add_text(text.substr(at, 1));
        ++at;
      }
    }
    return result;
  });
}

// A final `'` would make the closing `'''`.
Chunks escape_trailing_quote(Chunks chunks) {
  if (chunks.tail.ends_with('\'')) {
    chunks.tail.pop_back();
    chunks.add_literal("'");
  }
  return chunks;
}

std::string escape_single_quoted(std::string_view text) {
  std::string doubled;
  for (std::size_t at = 0; at < text.size(); ++at) {
    if (text.substr(at).starts_with("''")) {
      doubled += "'''";
      ++at;
    } else {
      doubled += text[at];
    }
  }
  std::string result;
  for (std::size_t at = 0; at < doubled.size(); ++at) {
    if (std::string_view(doubled).substr(at).starts_with("${")) {
      result += "''${";
      ++at;
    } else {
      result += doubled[at];
    }
  }
  return result;
}

std::string escape_double_quoted(std::string_view text) {
  return escape_text(text, DollarEscape::always_backslash);
}

class Formatter {
public:
  Formatter(const SourceFile& source, const SourceNotes& notes, const FormatOptions& options,
            std::uint32_t expression_begin)
      : source_(source), notes_(notes),
        ascii_(options.characters == CharacterSet::ascii ||
               (options.characters == CharacterSet::as_written && !notes.unicode)),
        runs_(comment_runs(source.text, notes.comments, expression_begin)) {}

  Doc complete(const Expr& e) {
    Doc result = group(child(Level::expression, e));
    while (next_run_ < runs_.size()) {
      result += hardline() + comment_doc(run_text(runs_[next_run_++]));
    }
    return result;
  }

private:
  std::string_view run_text(const CommentRun& run) const {
    return std::string_view(source_.text).substr(run.begin, run.end - run.begin);
  }

  // The comments not printed yet that start before `position`, each block
  // followed by a line break (or a space, for a block comment that had code
  // after it on its line).
  Doc leading(std::uint32_t position) {
    Doc result;
    while (next_run_ < runs_.size() && runs_[next_run_].begin < position) {
      const CommentRun& run = runs_[next_run_++];
      result += comment_doc(run_text(run)) + (run.newline_after ? hardline() : t(" "));
    }
    return result;
  }

  Doc with_leading(Doc lead, const Doc& doc) { return lead.empty() ? doc : align(lead + doc); }

  // A sub-expression: the comments before it, then it at `level`, then a
  // comment that followed it on its line.
  Doc child(Level level, const Expr& e) {
    if (!e.span().known()) {
      return at(level, e);
    }
    Doc lead = leading(e.span().begin);
    Doc result = with_leading(std::move(lead), at(level, e));
    return result + trailing(e.span().end);
  }

  // A one-line comment after `end` on the same line (`x = 1 -- why`), kept
  // at the end of that line. Not inside text interpolations, whose line
  // ends may be the text's own.
  Doc trailing(std::uint32_t end) {
    if (in_text_ > 0 || next_run_ >= runs_.size()) {
      return Doc();
    }
    const CommentRun& run = runs_[next_run_];
    std::string_view text = source_.text;
    if (run.begin < end || !run.newline_after ||
        !std::all_of(text.begin() + end, text.begin() + run.begin, is_space) ||
        run_text(run).find('\n') != std::string_view::npos) {
      return Doc();
    }
    ++next_run_;
    return doc::line_suffix(" " + std::string(run_text(run)));
  }

  // Comments inside `e` after its last sub-expression (before its closing
  // bracket).
  Doc closing(const Expr& e) {
    if (!e.span().known()) {
      return Doc();
    }
    return leading(e.span().end);
  }

  std::string symbol(std::string_view unicode, std::string_view ascii) const {
    return std::string(ascii_ ? ascii : unicode);
  }
  std::string arrow() const { return symbol("→", "->"); }

  std::string operator_symbol(Op op) const {
    switch (op) {
    case Op::combine:
      return symbol("∧", "/\\");
    case Op::prefer:
      return symbol("⫽", "//");
    case Op::combine_types:
      return symbol("⩓", "//\\\\");
    case Op::equivalent:
      return symbol("≡", "===");
    default:
      return std::string(op_symbol(op));
    }
  }

  Doc at(Level level, const Expr& e) {
    switch (level) {
    case Level::expression:
      return expression(e);
    case Level::annotated:
      return annotated(e);
    case Level::application:
      return application(e);
    case Level::import_expression:
      return import_expression(e);
    case Level::completion:
      return completion(e);
    case Level::selector:
      return selector(e);
    case Level::primitive:
      return primitive(e);
    default:
      return operators(level, e);
    }
  }

  // expression ---------------------------------------------------------

  Doc expression(const Expr& e) {
    if (e.is<Lambda>()) {
      return lambdas(e);
    }
    if (e.is<Pi>()) {
      return foralls(e);
    }
    if (e.is<If>()) {
      return if_chain(e);
    }
    if (e.is<Let>()) {
      return let_block(e);
    }
    if (e.is<With>()) {
      return with_chain(e);
    }
    if (const auto* assert_ = e.as<Assert>()) {
      Doc type = child(Level::expression, *assert_->type);
      return group(
          flat_alt(align(t("  assert") + hardline() + t(": ") + type), t("assert : ") + type));
    }
    return annotated(e);
  }

  // λ(x : A) → λ(y : B) → body, one binder per line when broken.
  Doc lambdas(const Expr& e) {
    std::vector<Doc> docs;
    const Expr* current = &e;
    while (const auto* lambda = current->as<Lambda>()) {
      Doc lead = current == &e ? Doc() : leading(current->span().begin);
      Doc label = t(variable_label(lambda->param));
      Doc type = child(Level::expression, *lambda->type);
      std::string symbol = ascii_ ? "\\" : "λ";
      Doc wide = t(symbol + " ") +
                 align(t("( ") + label + hardline() + t(": ") + type + hardline() + t(")"));
      Doc flat = t(symbol + "(") + label + t(" : ") + type + t(")");
      docs.push_back(with_leading(std::move(lead), group(flat_alt(wide, flat))));
      current = lambda->body.get();
    }
    docs.push_back(child(Level::expression, *current));
    return arrows(docs);
  }

  Doc foralls(const Expr& e) {
    std::vector<Doc> docs;
    const Expr* current = &e;
    static const Label underscore{"_"};
    while (const auto* pi = current->as<Pi>()) {
      Doc lead = current == &e ? Doc() : leading(current->span().begin);
      if (pi->param == underscore) {
        docs.push_back(with_leading(std::move(lead), child(Level::first_operator, *pi->domain)));
      } else {
        Doc label = t(variable_label(pi->param));
        Doc type = child(Level::expression, *pi->domain);
        std::string symbol = ascii_ ? "forall " : "∀";
        Doc wide = t(symbol + " ") +
                   align(t("( ") + label + hardline() + t(": ") + type + hardline() + t(")"));
        Doc flat = t(symbol + "(") + label + t(" : ") + type + t(")");
        docs.push_back(with_leading(std::move(lead), group(flat_alt(wide, flat))));
      }
      current = pi->codomain.get();
    }
    docs.push_back(child(Level::expression, *current));
    return arrows(docs);
  }

  // a → b → c, or one per line with the arrows at the ends of the lines.
  Doc arrows(const std::vector<Doc>& docs) {
    Doc wide;
    Doc flat;
    for (std::size_t i = 0; i < docs.size(); ++i) {
      bool last = i + 1 == docs.size();
      flat += (i > 0 ? t(" " + arrow() + " ") : Doc()) + docs[i];
      wide += last ? t("  ") + docs[i] : docs[i] + t(" " + arrow()) + hardline();
    }
    return group(flat_alt(align(wide), flat));
  }

  // if    a
  // then  b
  // else  c
  Doc if_chain(const Expr& e) {
    std::vector<Doc> wide_lines;
    Doc flat;
    const Expr* current = &e;
    bool first = true;
    std::size_t index = 0;
    auto prefix = [&](bool wide) -> std::string {
      if (index == 0) {
        return "";
      }
      bool then = index % 2 == 1;
      if (wide) {
        return then ? "then  " : "else  ";
      }
      return then ? " then " : " else ";
    };
    auto add = [&](Doc wide_doc, Doc flat_doc) {
      wide_lines.push_back(t(prefix(true)) + wide_doc);
      flat += t(prefix(false)) + flat_doc;
      ++index;
    };
    while (const auto* if_ = current->as<If>()) {
      Doc lead = first ? Doc() : leading(current->span().begin);
      Doc condition = child(Level::expression, *if_->condition);
      add(with_leading(lead, t(first ? "if    " : "if ") + condition),
          with_leading(lead, t("if ") + condition));
      Doc then_branch = child(Level::expression, *if_->then_branch);
      add(then_branch, then_branch);
      current = if_->else_branch.get();
      first = false;
    }
    Doc else_branch = child(Level::expression, *current);
    add(else_branch, else_branch);
    Doc wide;
    for (std::size_t i = 0; i < wide_lines.size(); ++i) {
      wide += (i > 0 ? hardline() : Doc()) + wide_lines[i];
    }
    return group(flat_alt(align(wide), flat));
  }

  // The `let`s of one block, a blank line between them, then `in  body`.
  Doc let_block(const Expr& e) {
    std::vector<Doc> bindings;
    const Expr* current = &e;
    const Expr* last_value = nullptr;
    while (const auto* let = current->as<Let>()) {
      if (current != &e && notes_.let_blocks.contains(current)) {
        break; // `in let`: a block of its own
      }
      Doc lead = current == &e ? Doc() : leading(current->span().begin);
      // Comments between `let` and the name stay there.
      Doc label = current->span().known() ? leading(skip_comments(current->span().begin + 3)) +
                                                t(variable_label(let->name))
                                          : t(variable_label(let->name));
      Doc binding;
      if (let->annotation) {
        Doc type = child(Level::expression, *let->annotation);
        Doc value = child(Level::expression, *let->value);
        binding =
            t("let ") + align(label + hardline() + t(": ") + type + hardline() + t("= ") + value);
      } else {
        Doc value = child(Level::expression, *let->value);
        Doc wide = t("let ") + align(label + t(" =") + hardline() + t("  ") + value);
        Doc flat = t("let ") + label + t(" = ") + value;
        binding = group(flat_alt(wide, flat));
      }
      bindings.push_back(lead + binding);
      last_value = let->value.get();
      current = let->body.get();
    }
    Doc before_in = last_value != nullptr && last_value->span().known()
                        ? leading(skip_comments(last_value->span().end))
                        : Doc();
    Doc body = child(Level::expression, *current);
    Doc wide;
    Doc flat;
    for (const Doc& binding : bindings) {
      wide += binding + hardline() + hardline();
      flat += binding + t(" ");
    }
    wide += before_in + t("in  ") + body;
    flat += before_in + t("in ") + body;
    return group(flat_alt(align(wide), flat));
  }

  // Where the next token starts: after the whitespace and comments at `at`
  // (used to find a let's name and its `in`).
  std::uint32_t skip_comments(std::uint32_t at) const {
    std::string_view text = source_.text;
    std::size_t run = next_run_;
    while (at < text.size()) {
      if (is_whitespace(text[at])) {
        ++at;
      } else if (run < runs_.size() && runs_[run].begin == at) {
        at = runs_[run++].end;
      } else {
        break;
      }
    }
    return at;
  }

  // r with a.b = v with c = w
  Doc with_chain(const Expr& e) {
    std::vector<const With*> updates; // outermost first
    const Expr* base = &e;
    while (const auto* with = base->as<With>()) {
      updates.push_back(with);
      base = with->record.get();
    }
    Doc result = child(Level::import_expression, *base);
    for (auto it = updates.rbegin(); it != updates.rend(); ++it) {
      std::vector<std::string> keys;
      for (const WithStep& step : (*it)->path) {
        keys.push_back(step.descend_optional ? "?" : field_label(step.field));
      }
      Doc update = key_value(keys, "=", *(*it)->value, Level::first_operator);
      result += flat_alt(hardline() + t("  ") + align(t("with ") + update), t(" with ") + update);
    }
    return result;
  }

  // annotated-expression ------------------------------------------------

  Doc annotated(const Expr& e) {
    if (const auto* merge = e.as<Merge>(); merge != nullptr && merge->type) {
      Doc handlers = child(Level::import_expression, *merge->handlers);
      Doc value = child(Level::import_expression, *merge->union_value);
      Doc type = child(Level::application, *merge->type);
      return group(flat_alt(align(t("merge") + hardline() + doc::indent(2, handlers) + hardline() +
                                  doc::indent(2, value) + hardline() + t(": ") + type),
                            t("merge ") + handlers + t(" ") + value + t(" : ") + type));
    }
    if (const auto* to_map = e.as<ToMap>(); to_map != nullptr && to_map->type) {
      Doc record = child(Level::import_expression, *to_map->record);
      Doc type = child(Level::application, *to_map->type);
      return group(flat_alt(
          align(t("toMap") + hardline() + doc::indent(2, record) + hardline() + t(": ") + type),
          t("toMap ") + record + t(" : ") + type));
    }
    if (e.is<Annot>()) {
      std::vector<Doc> docs;
      const Expr* current = &e;
      while (const auto* annot = current->as<Annot>()) {
        Doc lead = current == &e ? Doc() : leading(current->span().begin);
        // `merge x y : T` would read as a merge with a type, not an
        // annotation: dhall format writes that (the same meaning after
        // normalization), this keeps the parentheses and the same tree.
        const Expr& annotated = *annot->expr;
        bool absorbs = (annotated.is<Merge>() && !annotated.as<Merge>()->type) ||
                       (annotated.is<ToMap>() && !annotated.as<ToMap>()->type);
        docs.push_back(with_leading(
            lead, absorbs ? with_leading(annotated.span().known() ? leading(annotated.span().begin)
                                                                  : Doc(),
                                         parenthesized(annotated))
                          : child(Level::first_operator, annotated)));
        current = annot->type.get();
      }
      docs.push_back(child(Level::expression, *current));
      Doc wide;
      Doc flat;
      for (std::size_t i = 0; i < docs.size(); ++i) {
        wide += i == 0 ? t("  ") + docs[i] : hardline() + t(": ") + docs[i];
        flat += i == 0 ? docs[i] : t(" : ") + docs[i];
      }
      return group(flat_alt(align(wide), flat));
    }
    if (const auto* list = e.as<ListLit>(); list != nullptr && list->items.empty()) {
      return t("[] : ") + child(Level::application, *list->type);
    }
    return operators(Level::first_operator, e);
  }

  // operators, loosest first ------------------------------------------------

  Doc operators(Level level, const Expr& e) {
    const auto* binop = e.as<BinOp>();
    if (binop == nullptr || binop->op == Op::record_completion ||
        operator_level(binop->op) < level) {
      return application(e);
    }
    Op op = binop->op;
    Level operand_level = next_level(operator_level(op));
    std::vector<const Expr*> operands; // right to left
    const Expr* left = &e;
    for (;;) {
      const auto* link = left->as<BinOp>();
      if (link == nullptr || link->op != op) {
        break;
      }
      operands.push_back(link->rhs.get());
      left = link->lhs.get();
    }
    operands.push_back(left);
    std::reverse(operands.begin(), operands.end());
    std::string symbol = operator_symbol(op);
    bool short_symbol = code_points(symbol) == 1;
    Doc wide = t(short_symbol ? "  " : "    ");
    Doc flat;
    for (std::size_t i = 0; i < operands.size(); ++i) {
      Doc operand = child(operand_level, *operands[i]);
      if (i > 0) {
        wide += hardline() + t(symbol + (short_symbol ? " " : "  "));
        flat += t(" " + symbol + " ");
      }
      wide += operand;
      flat += operand;
    }
    return group(flat_alt(align(wide), flat));
  }

  // application-expression: f a b, or each argument on its own line.
  Doc application(const Expr& e) {
    std::vector<const Expr*> arguments;
    const Expr* head = &e;
    while (const auto* app = head->as<App>()) {
      arguments.push_back(app->arg.get());
      head = app->fn.get();
    }
    std::reverse(arguments.begin(), arguments.end());
    std::vector<const Expr*> leading_arguments;
    Doc function;
    if (const auto* some = head->as<Some>()) {
      function = t("Some");
      leading_arguments = {some->value.get()};
    } else if (const auto* merge = head->as<Merge>(); merge != nullptr && !merge->type) {
      function = t("merge");
      leading_arguments = {merge->handlers.get(), merge->union_value.get()};
    } else if (const auto* to_map = head->as<ToMap>(); to_map != nullptr && !to_map->type) {
      function = t("toMap");
      leading_arguments = {to_map->record.get()};
    } else if (const auto* show = head->as<ShowConstructor>()) {
      function = t("showConstructor");
      leading_arguments = {show->value.get()};
    } else if (arguments.empty()) {
      return import_expression(e);
    } else {
      function = head == &e ? import_expression(*head) : child(Level::import_expression, *head);
    }
    arguments.insert(arguments.begin(), leading_arguments.begin(), leading_arguments.end());
    std::vector<Doc> docs;
    for (const Expr* argument : arguments) {
      docs.push_back(child(Level::import_expression, *argument));
    }
    return app(function, docs);
  }

  Doc app(const Doc& function, const std::vector<Doc>& arguments) {
    Doc wide = function;
    Doc flat = function;
    for (const Doc& argument : arguments) {
      wide += hardline() + doc::indent(2, argument);
      flat += t(" ") + argument;
    }
    return group(flat_alt(align(wide), flat));
  }

  Doc import_expression(const Expr& e) {
    const auto* import = e.as<Import>();
    if (import == nullptr) {
      return completion(e);
    }
    Doc location = t(printing::import_location(*import));
    const auto* remote = std::get_if<RemoteImport>(&import->target);
    if (remote != nullptr && remote->headers) {
      location += t(" using (") + child(Level::expression, *remote->headers) + t(")");
    }
    Doc result = location;
    if (import->hash) {
      static constexpr char digits[] = "0123456789abcdef";
      std::string hash = "sha256:";
      for (std::uint8_t byte : *import->hash) {
        hash += digits[byte >> 4];
        hash += digits[byte & 0xf];
      }
      result =
          group(flat_alt(align(location + hardline() + t("  " + hash)), location + t(" " + hash)));
    }
    switch (import->mode) {
    case ImportMode::code:
      break;
    case ImportMode::raw_text:
      result += t(" as Text");
      break;
    case ImportMode::location:
      result += t(" as Location");
      break;
    case ImportMode::raw_bytes:
      result += t(" as Bytes");
      break;
    }
    return result;
  }

  // T::r, the record hugging the `::` when broken.
  struct CompletionParts {
    Doc type;
    bool literal = false;
    std::vector<Doc> fields; // when literal
    Doc closing;             // when literal
    Doc other;               // when not
  };

  CompletionParts completion_parts(const BinOp& completion) {
    CompletionParts parts;
    parts.type = child(Level::selector, *completion.lhs);
    const Expr& record = *completion.rhs;
    if (const auto* literal = record.as<RecordLit>()) {
      Doc lead = record.span().known() ? leading(record.span().begin) : Doc();
      parts.literal = true;
      parts.fields = record_literal_entries(record, *literal);
      parts.closing = lead + closing(record);
    } else {
      parts.other = child(Level::selector, record);
    }
    return parts;
  }

  Doc completion_doc(const CompletionParts& parts, int hang) {
    if (!parts.literal) {
      return parts.type + t("::") + parts.other;
    }
    if (parts.fields.empty()) {
      return parts.type + t("::") + parts.closing + t("{=}");
    }
    Doc wide;
    Doc flat = t("{ ");
    for (std::size_t i = 0; i < parts.fields.size(); ++i) {
      wide += t(", ") + parts.fields[i] + hardline();
      flat += (i > 0 ? t(", ") : Doc()) + parts.fields[i];
    }
    wide += parts.closing;
    flat += parts.closing + t(" }");
    Doc braces = group(flat_alt(t("{") + hardline() + doc::indent(hang, wide + t("}")), flat));
    return parts.type + t("::") + braces;
  }

  Doc completion(const Expr& e) {
    const auto* binop = e.as<BinOp>();
    if (binop == nullptr || binop->op != Op::record_completion) {
      return selector(e);
    }
    CompletionParts parts = completion_parts(*binop);
    Doc result = completion_doc(parts, 0);
    return parts.literal ? align(result) : result;
  }

  Doc selector(const Expr& e) {
    if (const auto* field = e.as<Field>()) {
      return child(Level::selector, *field->record) + t("." + field_label(field->name));
    }
    if (const auto* project = e.as<Project>()) {
      Doc record = child(Level::selector, *project->record);
      if (project->labels.empty()) {
        return record + t(".{}");
      }
      Doc wide;
      Doc flat;
      for (std::size_t i = 0; i < project->labels.size(); ++i) {
        std::string label = field_label(project->labels[i]);
        wide += t(i == 0 ? "{ " : ", ") + t(label) + hardline();
        flat += t(i == 0 ? "{ " : ", ") + t(label);
      }
      wide += t("}");
      flat += t(" }");
      return record + t(".") + group(flat_alt(align(wide), flat));
    }
    if (const auto* project = e.as<ProjectByType>()) {
      Doc record = child(Level::selector, *project->record);
      return record + t(".(") + child(Level::expression, *project->type) + t(")");
    }
    return primitive(e);
  }

  // primitive-expression ------------------------------------------------

  // Numbers are printed as written (`0x10`, `1e3`, `+1`).
  std::optional<Doc> as_written(const Expr& e) const {
    if (!e.span().known() || e.span().file.get() != &source_) {
      return std::nullopt;
    }
    return t(std::string_view(source_.text).substr(e.span().begin, e.span().end - e.span().begin));
  }

  Doc primitive(const Expr& e) {
    return std::visit([&](const auto& node) { return this->primitive_node(e, node); }, e.node());
  }

  template <typename Other>
  Doc primitive_node(const Expr& e, const Other&) {
    return parenthesized(e);
  }

  Doc parenthesized(const Expr& e) {
    Doc inner = expression(e);
    return group(flat_alt(align(t("( ") + inner + hardline() + t(")")), t("(") + inner + t(")")));
  }
  Doc primitive_node(const Expr&, const Var& var) {
    std::string name = variable_label(var.name);
    if (!var.index.is_zero()) {
      name += "@" + var.index.to_string();
    }
    return t(name);
  }
  Doc primitive_node(const Expr&, const BuiltinRef& ref) { return t(builtin_name(ref.builtin)); }
  Doc primitive_node(const Expr&, const ConstRef& ref) { return t(const_name(ref.value)); }
  Doc primitive_node(const Expr&, const BoolLit& lit) { return t(lit.value ? "True" : "False"); }
  Doc primitive_node(const Expr& e, const NaturalLit& lit) {
    return as_written(e).value_or(t(lit.value.to_string()));
  }
  Doc primitive_node(const Expr& e, const IntegerLit& lit) {
    return as_written(e).value_or(t(lit.value.to_string()));
  }
  Doc primitive_node(const Expr& e, const DoubleLit& lit) {
    return as_written(e).value_or(t(double_literal(lit.value)));
  }
  Doc primitive_node(const Expr&, const BytesLit& lit) { return t(printing::bytes_literal(lit)); }
  Doc primitive_node(const Expr&, const DateLit& lit) {
    return t(date_literal(lit.year, lit.month, lit.day));
  }
  Doc primitive_node(const Expr&, const TimeLit& lit) {
    return t(time_literal(lit.hour, lit.minute, lit.second_fraction, lit.precision));
  }
  Doc primitive_node(const Expr&, const TimeZoneLit& lit) {
    return t(time_zone_literal(lit.minutes));
  }
  Doc primitive_node(const Expr& e, const TextLit& text) { return text_literal(e, text); }
  Doc primitive_node(const Expr& e, const ListLit& list) {
    if (list.items.empty()) {
      Doc inner = expression(e);
      return group(flat_alt(align(t("( ") + inner + hardline() + t(")")), t("(") + inner + t(")")));
    }
    std::vector<Doc> items;
    for (const ExprPtr& item : list.items) {
      items.push_back(child(Level::expression, *item));
    }
    return enclose(items, closing(e), "[ ", ", ", ", ", "]", " ]");
  }
  Doc primitive_node(const Expr& e, const RecordType& record) {
    std::vector<Doc> entries;
    for (const auto& [label, begin, value] : fields_as_written(e, record.fields)) {
      Doc lead = leading(begin);
      entries.push_back(
          with_leading(lead, key_value({field_label(label)}, ":", *value, Level::expression)));
    }
    Doc end = closing(e);
    if (entries.empty()) {
      return end + t("{}");
    }
    return enclose(entries, end, "{ ", ", ", ", ", "}", " }");
  }
  Doc primitive_node(const Expr& e, const RecordLit& record) {
    std::vector<Doc> entries = record_literal_entries(e, record);
    Doc end = closing(e);
    if (entries.empty()) {
      return end + t("{=}");
    }
    return enclose(entries, end, "{ ", ", ", ", ", "}", " }");
  }
  Doc primitive_node(const Expr& e, const UnionType& union_) {
    std::vector<Doc> entries;
    for (const auto& [label, begin, value] : fields_as_written(e, union_.alternatives)) {
      Doc lead = leading(begin);
      Doc entry = value ? key_value({field_label(label)}, ":", *value, Level::expression)
                        : t(field_label(label));
      entries.push_back(with_leading(lead, entry));
    }
    Doc end = closing(e);
    if (entries.empty()) {
      return end + t("<>");
    }
    return enclose(entries, end, "< ", " | ", "| ", ">", " >");
  }

  // [ a, b ] or one item per line, each line starting with the separator.
  Doc enclose(const std::vector<Doc>& items, const Doc& end_comments, std::string_view open,
              std::string_view flat_separator, std::string_view wide_separator,
              std::string_view wide_close, std::string_view flat_close) {
    Doc wide;
    Doc flat;
    for (std::size_t i = 0; i < items.size(); ++i) {
      wide += t(i == 0 ? open : wide_separator) + items[i] + hardline();
      flat += t(i == 0 ? open : flat_separator) + items[i];
    }
    wide += end_comments + t(wide_close);
    flat += end_comments + t(flat_close);
    return group(flat_alt(align(wide), flat));
  }

  struct WrittenField {
    Label label;
    std::uint32_t begin; // where its entry starts, 0 when unknown
    const Expr* value;
  };

  // The fields in the order they were written, else in the tree's order.
  std::vector<WrittenField> fields_as_written(const Expr& e, const FieldMap& fields) const {
    std::vector<WrittenField> result;
    auto noted = notes_.fields.find(&e);
    if (noted != notes_.fields.end() && noted->second.size() == fields.size()) {
      for (const FieldNote& note : noted->second) {
        auto field = fields.find(note.label);
        if (field == fields.end()) {
          result.clear();
          break;
        }
        result.push_back({note.label, note.begin, field->second.get()});
      }
      if (result.size() == fields.size()) {
        return result;
      }
    }
    result.clear();
    for (const auto& [label, value] : fields) {
      result.push_back({label, 0, value.get()});
    }
    return result;
  }

  // `{ a = { b = 1 } }` is written `{ a.b = 1 }`, a repeated field as
  // written, and `{ x = x }` as `{ x }`.
  struct Entry {
    std::vector<std::string> keys;
    const Expr* value;
  };

  void consolidate(std::string key, const Expr& value, std::vector<Entry>& out) {
    if (const auto* nested = value.as<RecordLit>()) {
      std::vector<Entry> inner;
      for (const auto& field : fields_as_written(value, nested->fields)) {
        consolidate(field_label(field.label), *field.value, inner);
      }
      if (inner.size() == 1) {
        inner[0].keys.insert(inner[0].keys.begin(), key);
        out.push_back(std::move(inner[0]));
        return;
      }
    }
    if (const auto* binop = value.as<BinOp>();
        binop != nullptr && binop->op == Op::combine && notes_.repeated_fields.contains(&value)) {
      consolidate(key, *binop->lhs, out);
      consolidate(key, *binop->rhs, out);
      return;
    }
    out.push_back({{std::move(key)}, &value});
  }

  std::vector<Doc> record_literal_entries(const Expr& e, const RecordLit& record) {
    std::vector<Doc> entries;
    for (const auto& [label, begin, value] : fields_as_written(e, record.fields)) {
      Doc lead = leading(begin);
      std::vector<Entry> consolidated;
      consolidate(field_label(label), *value, consolidated);
      for (const Entry& entry : consolidated) {
        const auto* var = entry.value->as<Var>();
        bool pun = entry.keys.size() == 1 && var != nullptr && var->index.is_zero() &&
                   field_label(var->name) == entry.keys[0] &&
                   !(entry.value->span().known() && has_comment_before(entry.value->span().begin));
        Doc doc =
            pun ? t(entry.keys[0]) : key_value(entry.keys, "=", *entry.value, Level::expression);
        entries.push_back(with_leading(lead, doc));
        lead = Doc();
      }
    }
    return entries;
  }

  bool has_comment_before(std::uint32_t position) const {
    return next_run_ < runs_.size() && runs_[next_run_].begin < position;
  }

  // `key = value` (or `key : type`), the value below the key when it does
  // not fit, records and lists hugging the key.
  Doc key_value(const std::vector<std::string>& keys, std::string_view separator, const Expr& value,
                Level level) {
    std::string key;
    for (const std::string& part : keys) {
      key += (key.empty() ? "" : ".") + part;
    }
    Doc head = t(key + " " + std::string(separator));
    Doc lead = value.span().known() ? leading(value.span().begin) : Doc();
    Doc flat_value;
    Doc wide_rest;
    const auto* completion = value.as<BinOp>();
    if (completion != nullptr && completion->op != Op::record_completion) {
      completion = nullptr;
    }
    if (!lead.empty()) {
      flat_value = align(lead + at(level, value));
      wide_rest = group(flat_alt(hardline() + t("    "), t(" ")) + flat_value);
    } else if (const auto* some = value.as<Some>(); some != nullptr && level != Level::primitive) {
      const Expr& inner = *some->value;
      const auto* inner_completion = inner.as<BinOp>();
      if (inner_completion != nullptr && inner_completion->op == Op::record_completion) {
        Doc inner_lead = inner.span().known() ? leading(inner.span().begin) : Doc();
        CompletionParts parts = completion_parts(*inner_completion);
        Doc hugging = completion_doc(parts, 0);
        flat_value =
            app(t("Some"), {with_leading(inner_lead, parts.literal ? align(hugging) : hugging)});
        wide_rest = t(" Some ") + inner_lead + completion_doc(parts, 2);
      } else {
        Doc argument = child(Level::import_expression, inner);
        flat_value = app(t("Some"), {argument});
        bool hugs =
            inner.is<RecordLit>() || (inner.is<ListLit>() && !inner.as<ListLit>()->items.empty());
        wide_rest = t(" Some") + hardline() + t(hugs ? "  " : "    ") + argument;
      }
    } else if (const auto* to_map = value.as<ToMap>(); to_map != nullptr && !to_map->type) {
      const Expr& inner = *to_map->record;
      const auto* inner_completion = inner.as<BinOp>();
      if (inner_completion != nullptr && inner_completion->op == Op::record_completion) {
        Doc inner_lead = inner.span().known() ? leading(inner.span().begin) : Doc();
        CompletionParts parts = completion_parts(*inner_completion);
        Doc hugging = completion_doc(parts, 0);
        flat_value =
            app(t("toMap"), {with_leading(inner_lead, parts.literal ? align(hugging) : hugging)});
        wide_rest = t(" toMap ") + inner_lead + completion_doc(parts, 2);
      } else {
        Doc argument = child(Level::import_expression, inner);
        flat_value = app(t("toMap"), {argument});
        wide_rest = t(" toMap") + hardline() + t("    ") + argument;
      }
    } else if (completion != nullptr) {
      CompletionParts parts = completion_parts(*completion);
      Doc hugging = completion_doc(parts, 0);
      flat_value = parts.literal ? align(hugging) : hugging;
      wide_rest = t(" ") + completion_doc(parts, 2);
    } else if (value.is<RecordLit>() ||
               (value.is<ListLit>() && !value.as<ListLit>()->items.empty())) {
      flat_value = at(level, value);
      wide_rest = hardline() + t("  ") + flat_value;
    } else {
      flat_value = at(level, value);
      wide_rest = group(flat_alt(hardline() + t("    "), t(" ")) + flat_value);
    }
    Doc trail = value.span().known() ? trailing(value.span().end) : Doc();
    Doc flat = head + t(" ") + flat_value + trail;
    Doc wide = head + wide_rest + trail;
    return group(flat_alt(wide, flat));
  }

  // Text literals ---------------------------------------------------------

  Doc text_literal(const Expr&, const TextLit& text) {
    auto has = [&](auto predicate) {
      for (const TextChunk& chunk : text.chunks) {
        if (std::any_of(chunk.prefix.begin(), chunk.prefix.end(), predicate)) {
          return true;
        }
      }
      return std::any_of(text.tail.begin(), text.tail.end(), predicate);
    };
    if (!has([](char c) { return c == '\n'; })) {
      return double_quoted(text);
    }
    if (!text.chunks.empty() || has([](char c) { return c != '\n'; })) {
      return multi_line(text);
    }
    return group(flat_alt(multi_line(text), double_quoted(text)));
  }

  Doc double_quoted(const TextLit& text) {
    InText guard(in_text_);
    Doc result = doc::text("\"", true);
    for (const TextChunk& chunk : text.chunks) {
      result += doc::text(escape_double_quoted(chunk.prefix), true) + t("${") +
                child(Level::expression, *chunk.expr) + t("}");
    }
    return result + doc::text(escape_double_quoted(text.tail) + "\"", true);
  }

  Doc multi_line(const TextLit& text) {
    Chunks chunks;
    for (const TextChunk& chunk : text.chunks) {
      chunks.add_text(chunk.prefix);
      chunks.add_interpolation(Piece{{}, chunk.expr.get(), {}});
    }
    chunks.add_text(text.tail);
    InText guard(in_text_);
    chunks = escape_trailing_quote(escape_control_characters(
        escape_quote_before_interpolation(escape_shared_whitespace(chunks))));
    Doc body;
    for (const Piece& piece : chunks.pieces) {
      body += multi_line_text(piece.prefix) + t("${");
      if (piece.expr != nullptr) {
        body += child(Level::expression, *piece.expr);
      } else {
        body += doc::text("\"" + escape_double_quoted(piece.literal) + "\"", true);
      }
      body += t("}");
    }
    body += multi_line_text(chunks.tail);
    return align(doc::text("''", true) + hardline() + align(body) + doc::text("''", true));
  }

  Doc multi_line_text(std::string_view text) {
    std::string escaped = escape_single_quoted(text);
    std::string_view rest = escaped;
    Doc result;
    for (;;) {
      std::size_t newline = rest.find('\n');
      result += doc::text(rest.substr(0, newline), true);
      if (newline == std::string_view::npos) {
        return result;
      }
      result += hardline();
      rest.remove_prefix(newline + 1);
    }
  }

  struct InText {
    explicit InText(int& depth) : depth_(depth) { ++depth_; }
    ~InText() { --depth_; }
    InText(const InText&) = delete;
    InText& operator=(const InText&) = delete;
    int& depth_;
  };

  const SourceFile& source_;
  const SourceNotes& notes_;
  int in_text_ = 0;
  bool ascii_;
  std::vector<CommentRun> runs_;
  std::size_t next_run_ = 0;
};

} // namespace

std::string format_source(const SourcePtr& source, const NotedExpr& parsed,
                          const FormatOptions& options) {
  std::string_view header = header_of(source);
  std::uint32_t expression_begin = 0;
  if (!header.empty()) {
    expression_begin =
        static_cast<std::uint32_t>(header.data() + header.size() - source->text.data());
  }
  Formatter formatter(*source, parsed.notes, options, expression_begin);
  std::string result(header);
  if (!result.empty()) {
    result += '\n';
  }
  result += doc::render(formatter.complete(*parsed.expr), options.width);
  result += '\n';
  return result;
}

std::string format_source(const SourcePtr& source, const FormatOptions& options) {
  NotedExpr parsed = parse_with_notes(source);
  return format_source(source, parsed, options);
}

} // namespace polar::dhall
