#pragma once
// The recursive-descent parser behind parse() (parser.h), one member function
// per production of dhall.abnf that needs one. The productions are spread
// over parse_*.cpp by topic; docs/parser.md explains the design.
#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "syntax/detail/lexer.h"
#include "syntax/expr.h"
#include "syntax/import_text.h"
#include "syntax/source_notes.h"

namespace polar::dhall::parsing {

// Trees deeper than max_depth are refused, as is source nesting deeper than
// max_nesting: the parser, the CBOR encoder, the type checker and even the
// destructor of a tree all recurse once per level. Flat chains (lets,
// operators, applications; syntax/spine.h) do not count: every pass follows
// them in a loop. Independently, parsing
// stops before its own recursion uses max_stack bytes of stack: Debug and
// sanitizer builds need several times the stack per level of an optimized
// build, and this keeps them inside a default 8 MiB stack too.
constexpr std::uint32_t max_depth = 1000;
constexpr std::uint32_t max_nesting = 1000;
constexpr std::size_t max_stack = std::size_t{4} << 20;

// A binary operator as found in the source.
struct OperatorToken {
  Op op;
  int precedence; // higher binds tighter
  std::size_t length;
};

// A parsed expression and the height of its tree.
struct Parsed {
  ExprPtr expr;
  std::uint32_t depth = 1;
};

// What an application-expression consisted of. Some forms may only follow
// particular shapes: `with` needs a lone import-expression on its left, and
// `merge x y : T` / `toMap x : T` attach the annotation to the keyword form.
enum class Shape : std::uint8_t { import_expression, merge, to_map, other };

// Which words a label position accepts (see `nonreserved-label`, `any-label`
// and `any-label-or-some` in the grammar). Quoted labels are always accepted.
enum class LabelRule : std::uint8_t {
  bound_variable, // no keywords, no builtin names
  any,            // no keywords
  any_or_some,    // no keywords except `Some`
};

class Parser : Scanner {
public:
  explicit Parser(SourcePtr source, SourceNotes* notes = nullptr) : Scanner(std::move(source)) {
    notes_ = notes;
  }

  // complete-dhall-file
  ExprPtr parse_file();
  // The parts of the import starting at `begin` (import_text.h).
  ImportText import_text_at(std::size_t begin);

private:
  class NestingGuard;

  // Builds a node spanning [begin, current position) whose deepest child has
  // height `child_depth`; refuses it when the tree gets too deep.
  //
  // Parsing recurses once per nesting level, so the functions on that path
  // keep their frames small: `make` converts to the large Node in its own
  // frame, which it must not share with its caller by being inlined.
  template <typename Alternative>
  [[gnu::noinline]] Parsed make(Alternative&& node, std::size_t begin, std::uint32_t child_depth) {
    return make_node(Node(std::forward<Alternative>(node)), begin, child_depth);
  }
  Parsed make_node(Node&& node, std::size_t begin, std::uint32_t child_depth);
  // The same for a link of a flat chain (syntax/spine.h): the child that
  // continues the chain, of height `spine_depth`, does not make the tree
  // deeper; only the other children, of height at most `other_depth`, do.
  template <typename Alternative>
  [[gnu::noinline]] Parsed make_link(Alternative&& node, std::size_t begin,
                                     std::uint32_t spine_depth, std::uint32_t other_depth) {
    return make_node(Node(std::forward<Alternative>(node)), begin,
                     std::max(spine_depth - 1, other_depth));
  }
  [[noreturn]] void fail_too_deep(std::size_t at) const;
  // For parse_with_notes: the labels of a record or union as written.
  void note_fields(const ExprPtr& node, std::vector<FieldNote> fields);
  // Fails after an expression ended at the current position and `at` (after
  // whitespace) holds neither `what` nor anything else that may follow.
  [[noreturn]] void fail_after_expression(std::size_t at, std::string_view what) const;
  // Whether `at` starts an expression that needs parentheses to be an
  // argument or operand (`if`, `let`, `λ`, `merge`, ...).
  bool starts_compound_expression(std::size_t at) const;
  // Skips whitespace and consumes `token`, failing as fail_after_expression.
  void expect_after_expression(std::string_view token, std::string_view context);
  // An arrow (`→` or `->`) at `at`: its length, or 0.
  std::size_t arrow_length(std::size_t at) const;

  // parse_expression.cpp
  Parsed parse_expression();
  Parsed parse_annotated_expression();
  Parsed parse_arrow(const Parsed& domain, std::size_t begin);
  Parsed parse_function(bool is_lambda);
  Parsed parse_if();
  struct LetBinding {
    std::size_t begin;
    Label name;
    std::optional<Parsed> annotation;
    Parsed value;
    bool starts_block = false; // the first `let` after an `in` (for SourceNotes)
  };
  Parsed parse_let();
  Parsed parse_let_binding_value();
  Parsed build_let(std::vector<LetBinding>& bindings, Parsed body);
  Parsed parse_assert();
  Parsed parse_empty_list();
  Parsed parse_with(Parsed&& record, std::size_t begin);
  Parsed parse_annotation(const Parsed& expression, Shape shape, std::size_t begin);
  Parsed parse_operator_expression(Shape* shape);
  std::optional<OperatorToken> operator_at(std::size_t at) const;
  Parsed parse_operator_chain(Parsed&& first);
  Parsed parse_application_expression(Shape& shape);
  Parsed parse_keyword_application(Shape& shape);
  Parsed parse_keyword_argument(std::string_view keyword);
  Parsed parse_import_expression();
  Parsed parse_completion_expression();
  Parsed parse_selector_expression();
  Parsed parse_selector(const Parsed& record, std::size_t begin);
  bool starts_import_expression(std::size_t at) const;
  bool is_empty_list_at(std::size_t at) const;

  // parse_primitive.cpp
  Parsed parse_primitive_expression();
  Parsed parse_identifier();
  Parsed parse_record();
  Parsed parse_record_type(Label first, std::size_t first_begin, std::size_t begin);
  using RecordFields = std::map<Label, Parsed>;
  Parsed parse_record_literal(Label first, std::size_t first_begin, std::size_t begin);
  void parse_record_entry(RecordFields& fields, Label label, std::size_t begin);
  void add_record_field(RecordFields& fields, const std::vector<Label>& path, Parsed value,
                        std::size_t begin);
  Parsed parse_union();
  Parsed parse_list();
  Parsed parse_parenthesized();
  std::vector<Label> parse_projection_labels();
  Label parse_label(LabelRule rule, std::string_view what);

  // parse_literal.cpp
  Parsed parse_numeric_literal();
  std::optional<Parsed> parse_temporal_literal();
  Parsed parse_time_and_offset(std::size_t begin, std::optional<Parsed> date);
  Parsed parse_time_zone(std::size_t begin);
  Parsed parse_bytes_literal();
  Parsed parse_double_literal(std::size_t begin, std::size_t end);
  // natural-literal at the current position (decimal, 0x hex or 0b binary).
  Natural parse_natural_literal();

  // parse_text.cpp
  Parsed parse_double_quoted_text();
  Parsed parse_single_quoted_text();
  void parse_escape(std::string& out);
  void parse_interpolation(TextLit& literal, std::string& current, std::uint32_t& depth);

  // parse_import.cpp
  bool starts_import(std::size_t at) const;
  Parsed parse_import();
  LocalImport parse_local_import();
  EnvImport parse_env_import();
  RemoteImport parse_remote_import(std::uint32_t& headers_depth);
  std::string parse_authority();
  std::size_t ip_literal_end(std::size_t at) const;
  std::size_t domain_end(std::size_t at) const;
  Sha256 parse_hash();

  // Bytes of stack used since parse_file started.
  std::size_t stack_in_use() const;

  std::uint32_t nesting_ = 0;
  std::uintptr_t stack_base_ = 0;
  // Where the parts of the last import parsed lie.
  ImportText last_import_;
};

// Counts one level of source nesting for as long as it lives.
class Parser::NestingGuard {
public:
  explicit NestingGuard(Parser& parser) : parser_(parser) {
    if (parser_.nesting_ >= max_nesting || parser_.stack_in_use() > max_stack) {
      parser_.fail_too_deep(parser_.pos_);
    }
    ++parser_.nesting_;
  }
  ~NestingGuard() { --parser_.nesting_; }
  NestingGuard(const NestingGuard&) = delete;
  NestingGuard& operator=(const NestingGuard&) = delete;

private:
  Parser& parser_;
};

// Multi-line literal indentation stripping (multiline.md), on a literal whose
// escapes are already resolved and whose line endings are all "\n".
void strip_indentation(TextLit& literal);

} // namespace polar::dhall::parsing
