#pragma once
// The Dhall abstract syntax tree, one node type per construct of the
// standard (standard/syntax.md). Trees are immutable and shared: an ExprPtr
// may appear in many trees at once.
#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include "syntax/detail/label.h"
#include "syntax/number.h"
#include "syntax/source.h"

namespace polar::dhall {

class Expr;
using ExprPtr = std::shared_ptr<const Expr>;

enum class Const : std::uint8_t { type, kind, sort };

// Builtin functions and types (True and False are BoolLit, Type/Kind/Sort
// are ConstRef).
enum class Builtin : std::uint8_t {
  natural_build,
  natural_fold,
  natural_is_zero,
  natural_even,
  natural_odd,
  natural_to_integer,
  natural_show,
  natural_subtract,
  integer_to_double,
  integer_show,
  integer_negate,
  integer_clamp,
  double_show,
  list_build,
  list_fold,
  list_length,
  list_head,
  list_last,
  list_indexed,
  list_reverse,
  text_show,
  text_replace,
  date_show,
  time_show,
  time_zone_show,
  bool_,
  optional,
  none,
  natural,
  integer,
  double_,
  text,
  list,
  bytes,
  date,
  time,
  time_zone,
};
// The name as written in Dhall source ("Natural/fold").
std::string_view builtin_name(Builtin builtin);
std::optional<Builtin> builtin_from_name(std::string_view name);

// Binary operators; the values are the operator codes of binary.md.
enum class Op : std::uint8_t {
  bool_or = 0,           // ||
  bool_and = 1,          // &&
  bool_eq = 2,           // ==
  bool_ne = 3,           // !=
  natural_plus = 4,      // +
  natural_times = 5,     // *
  text_append = 6,       // ++
  list_append = 7,       // #
  combine = 8,           // ∧  /\ .
  prefer = 9,            // ⫽  //
  combine_types = 10,    // ⩓  //\\ .
  import_alt = 11,       // ?
  equivalent = 12,       // ≡  ===
  record_completion = 13 // ::
};
std::string_view op_symbol(Op op); // Unicode spelling

struct Var {
  Label name;
  Natural index; // x@n; the index is unbounded in the grammar
};
struct Lambda {
  Label param;
  ExprPtr type;
  ExprPtr body;
};
struct Pi {
  Label param; // "_" for A → B
  ExprPtr domain;
  ExprPtr codomain;
};
struct App {
  ExprPtr fn;
  ExprPtr arg;
};
// `let x : A = a in b`. Nested lets (`let x = .. let y = .. in b`) are
// separate Let nodes.
struct Let {
  Label name;
  ExprPtr annotation; // null when absent
  ExprPtr value;
  ExprPtr body;
};
struct Annot {
  ExprPtr expr;
  ExprPtr type;
};
struct If {
  ExprPtr condition;
  ExprPtr then_branch;
  ExprPtr else_branch;
};
struct BinOp {
  Op op;
  ExprPtr lhs;
  ExprPtr rhs;
};
struct BuiltinRef {
  Builtin builtin;
};
struct ConstRef {
  Const value;
};

struct BoolLit {
  bool value;
};
struct NaturalLit {
  Natural value;
};
struct IntegerLit {
  Integer value;
};
struct DoubleLit {
  double value;
};
// "a${x}b${y}c" is chunks {("a", x), ("b", y)} and tail "c".
struct TextChunk {
  std::string prefix;
  ExprPtr expr;
};
struct TextLit {
  std::vector<TextChunk> chunks;
  std::string tail;
};
struct BytesLit {
  std::vector<std::uint8_t> bytes;
};
struct DateLit {
  std::uint16_t year;
  std::uint8_t month; // 1-12
  std::uint8_t day;   // 1-31
};
// hh:mm:ss.fff: seconds = second_fraction / 10^precision, where precision is
// the number of fractional digits as written (kept for printing and CBOR).
struct TimeLit {
  std::uint8_t hour;
  std::uint8_t minute;
  Natural second_fraction;
  std::uint32_t precision;
};
struct TimeZoneLit {
  std::int16_t minutes; // signed offset from UTC
};

// `[] : T` has `type` set and no items; a non-empty literal has no type.
struct ListLit {
  ExprPtr type;
  std::vector<ExprPtr> items;
};
struct Some {
  ExprPtr value;
};

// Record and union fields, sorted by label (code point order).
using FieldMap = std::map<Label, ExprPtr>;
struct RecordType {
  FieldMap fields;
};
struct RecordLit {
  FieldMap fields;
};
// Alternatives without a type (`< A | B : T >`) map to null.
struct UnionType {
  FieldMap alternatives;
};

struct Field {
  ExprPtr record;
  Label name;
};
struct Project {
  ExprPtr record;
  std::vector<Label> labels; // as written, duplicates rejected by the parser
};
struct ProjectByType {
  ExprPtr record;
  ExprPtr type;
};
struct Merge {
  ExprPtr handlers;
  ExprPtr union_value;
  ExprPtr type; // null when absent
};
struct ToMap {
  ExprPtr record;
  ExprPtr type; // null when absent
};
struct ShowConstructor {
  ExprPtr value;
};
struct Assert {
  ExprPtr type;
};
// One step of a `with` path: a field name, or `?` to descend into an Optional.
struct WithStep {
  bool descend_optional = false;
  Label field; // unused when descend_optional
};
struct With {
  ExprPtr record;
  std::vector<WithStep> path; // non-empty
  ExprPtr value;
};

// Imports -----------------------------------------------------------------

enum class ImportMode : std::uint8_t { code = 0, raw_text = 1, location = 2, raw_bytes = 3 };
enum class FilePrefix : std::uint8_t { absolute, here, parent, home };
enum class Scheme : std::uint8_t { http, https };

struct MissingImport {};
struct LocalImport {
  FilePrefix prefix;
  std::vector<std::string> directory; // outermost first
  std::string file;
};
struct RemoteImport {
  Scheme scheme;
  std::string authority;
  std::vector<std::string> directory; // outermost first
  std::string file;
  std::optional<std::string> query;
  ExprPtr headers; // `using e`, null when absent
};
struct EnvImport {
  std::string name;
};
using Sha256 = std::array<std::uint8_t, 32>;
struct Import {
  std::variant<MissingImport, LocalImport, RemoteImport, EnvImport> target;
  ImportMode mode = ImportMode::code;
  std::optional<Sha256> hash;
};

// Imports are rare and large (a URL's parts, headers, a hash), so a node
// holds its import behind a shared pointer: every other node stays small
// (an Expr was 248 bytes with the Import inline, 96 now). Like the rest
// of the tree the import is immutable. `Expr::as<Import>()` sees through it.
class ImportRef {
public:
  ImportRef(Import import) // NOLINT: implicit, so `make_expr(Import{...})` works
      : import_(std::make_shared<const Import>(std::move(import))) {}

  const Import& get() const { return *import_; }

private:
  std::shared_ptr<const Import> import_;
};

// A resolved import kept as what it means rather than as syntax: the value
// it evaluates to and its type, shared by every importer (semantics/
// embedded.h makes them). Evaluation and type checking take the value and
// the type as they are; whoever needs syntax (encoding, printing,
// α-normalization) asks for `syntax()`, the β-normal form, which is read
// back on the first request only (docs/evaluation.md, "Resolved imports").
// The syntax layer cannot see values, hence the interface.
class Embedding {
public:
  Embedding() = default;
  Embedding(const Embedding&) = delete;
  Embedding& operator=(const Embedding&) = delete;
  virtual ~Embedding() = default;

  // The β-normal form, closed; read back on the first call, then the same
  // tree. Throws what reading back throws (a depth limit).
  virtual const ExprPtr& syntax() const = 0;
  // Whether syntax() has been read back (or was given) already.
  virtual bool has_syntax() const = 0;
};

struct Embedded {
  std::shared_ptr<const Embedding> embedding;
};

// A subexpression produced when first read: binary/lazy_decode.h defers the
// fields of a cached package this way, since a program that imports a
// thousand schemas reads a few. Expr::node() sees through it (producing the
// expression then), so readers of the tree never meet it; only evaluation
// asks (Expr::deferred) to keep the field suspended, and to compare
// suspended fields by their encodings.
// Producing mutates shared state: one thread at a time, like forcing values.
class Deferred {
public:
  using Producer = std::function<ExprPtr()>;

  // `encoding` holds the canonical bytes the expression decodes from, kept
  // alive by `owner`: equal encodings mean equal expressions.
  Deferred(Producer produce, std::shared_ptr<const void> owner,
           std::span<const std::uint8_t> encoding)
      : state_(std::make_shared<State>(
            State{std::move(produce), nullptr, std::move(owner), encoding})) {}

  // The expression, produced on the first call. Throws what the producer
  // throws, and then again on the next call.
  const Expr& get() const;
  std::span<const std::uint8_t> encoding() const { return state_->encoding; }
  bool is_produced() const { return state_->expr != nullptr; }

private:
  struct State {
    Producer produce; // released once it has produced
    ExprPtr expr;
    std::shared_ptr<const void> owner;
    std::span<const std::uint8_t> encoding;
  };
  std::shared_ptr<State> state_;
};

// -------------------------------------------------------------------------

using Node =
    std::variant<Var, Lambda, Pi, App, Let, Annot, If, BinOp, BuiltinRef, ConstRef, BoolLit,
                 NaturalLit, IntegerLit, DoubleLit, TextLit, BytesLit, DateLit, TimeLit,
                 TimeZoneLit, ListLit, Some, RecordType, RecordLit, UnionType, Field, Project,
                 ProjectByType, Merge, ToMap, ShowConstructor, Assert, With, ImportRef, Embedded>;

class Expr {
public:
  Expr(Node node, Span span) : content_(std::move(node)), span_(std::move(span)) {}
  explicit Expr(Deferred deferred) : content_(std::move(deferred)) {}
  // Releases a flat chain (syntax/spine.h) link by link instead of
  // recursively, so that dropping `let` chains or operator chains of any
  // length cannot overflow the stack.
  ~Expr();
  Expr(const Expr&) = delete;
  Expr& operator=(const Expr&) = delete;

  // The node; a deferred expression is produced here, on the first call.
  const Node& node() const {
    if (const auto* deferred = std::get_if<Deferred>(&content_)) [[unlikely]] {
      return deferred->get().node();
    }
    return std::get<Node>(content_);
  }
  const Span& span() const { return span_; }
  // Whether this is a deferred expression (reading node() produces it first,
  // once).
  bool is_deferred() const { return std::holds_alternative<Deferred>(content_); }
  const Deferred* deferred() const { return std::get_if<Deferred>(&content_); }

  template <typename T>
  const T* as() const {
    if constexpr (std::is_same_v<T, Import>) {
      const auto* ref = std::get_if<ImportRef>(&node());
      return ref != nullptr ? &ref->get() : nullptr;
    } else {
      return std::get_if<T>(&node());
    }
  }
  template <typename T>
  bool is() const {
    if constexpr (std::is_same_v<T, Import>) {
      return std::holds_alternative<ImportRef>(node());
    } else {
      return std::holds_alternative<T>(node());
    }
  }

private:
  // Moves out the child that continues a chain (Let.body, App.fn,
  // BinOp.lhs), or returns null. Only for the destructor, on a node that
  // nothing else holds any more: hence const and `mutable` below.
  ExprPtr release_chain_child() const;

  mutable std::variant<Node, Deferred> content_;
  Span span_;
};

inline ExprPtr make_expr(Node node, Span span = {}) {
  return std::make_shared<const Expr>(std::move(node), std::move(span));
}
inline ExprPtr make_deferred_expr(Deferred::Producer produce, std::shared_ptr<const void> owner,
                                  std::span<const std::uint8_t> encoding) {
  return std::make_shared<const Expr>(Deferred(std::move(produce), std::move(owner), encoding));
}

} // namespace polar::dhall
