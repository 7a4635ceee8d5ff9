#pragma once
// What the syntax tree forgets about how a file was written, kept on request
// for the formatter (syntax/format.h): its comments, the order its record
// fields and union alternatives were written in, which `let`s start a block
// of their own and which `∧` stand for a repeated record field. The normal
// parse (parser.h) keeps none of it; see docs/format.md.
#include <cstdint>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "syntax/expr.h"
#include "syntax/source.h"

namespace polar::dhall {

// A `-- …` or `{- … -}` comment: the byte range [begin, end) of the source,
// without the newline that ends a line comment.
struct Comment {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
};

struct FieldNote {
  Label label;
  std::uint32_t begin = 0;
};

struct SourceNotes {
  std::vector<Comment> comments; // in source order
  // The fields of each record type, record literal and union as written
  // (the tree sorts them), with where each entry starts (its first label).
  std::unordered_map<const Expr*, std::vector<FieldNote>> fields;
  // The first `let` of each `let … in` block (`let a = 1 in let b = 2 in b`
  // is two blocks, `let a = 1 let b = 2 in b` one).
  std::unordered_set<const Expr*> let_blocks;
  // Whether any of λ → ∀ ∧ ⫽ ⩓ ≡ is written with its Unicode symbol.
  bool unicode = false;
  // `∧` made by the parser from a repeated field (`{ a.b = 1, a.c = 2 }`).
  std::unordered_set<const Expr*> repeated_fields;
};

struct NotedExpr {
  ExprPtr expr;
  SourceNotes notes;
};

// parse() that also keeps the notes above; the tree is the same.
NotedExpr parse_with_notes(SourcePtr source);

} // namespace polar::dhall
