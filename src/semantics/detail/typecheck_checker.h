#pragma once
// The type checker's internals: one `rule` per syntax node, each a rule of
// standard/type-inference.md. The rules are spread over typecheck_*.cpp by
// topic (functions, operators, records, merge); this header is shared by
// those files only.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "semantics/detail/typecheck_context.h"
#include "semantics/typecheck.h"
#include "semantics/value.h"
#include "syntax/expr.h"

namespace polar::dhall {

// Type ≤ Kind ≤ Sort, the ⋁ of function-check.md.
Const max_const(Const a, Const b);
// The function check `input ↝ output : result` of function-check.md.
Const function_check(Const input, Const output);

// How deeply the checker may recurse (nested expressions, nested types,
// `with` paths). Far beyond anything written by hand, and low enough that
// the recursion (a few frames per level) stays well inside a thread's stack,
// also in debug builds.
constexpr std::size_t max_nesting = 2000;

// Counts one level of the checker's recursion; past max_nesting it throws a
// clean Error at `where` instead of risking the stack.
class NestingGuard {
public:
  NestingGuard(std::size_t& depth, const Span& where);
  ~NestingGuard() { --depth_; }
  NestingGuard(const NestingGuard&) = delete;
  NestingGuard& operator=(const NestingGuard&) = delete;

private:
  std::size_t& depth_;
};

class Checker {
public:
  explicit Checker(const KnownTypes* known) : known_(known) {}

  // Γ ⊢ expr : T, with T returned as a value at the current level.
  ValuePtr infer(const ExprPtr& expr);

private:
  // infer() once past the known types and the nesting guard.
  ValuePtr infer_node(const ExprPtr& expr);
  // An application spine or operator chain (syntax/spine.h), checked from
  // its innermost link outwards; each link's rule finds the type of its
  // spine child in chain_types_ instead of recursing.
  ValuePtr infer_chain(const ExprPtr& top);

  // One rule per node type (see the .cpp files for which rule lives where).
  ValuePtr rule(const Expr& expr, const Var& node);
  ValuePtr rule(const Expr& expr, const Lambda& node);
  ValuePtr rule(const Expr& expr, const Pi& node);
  ValuePtr rule(const Expr& expr, const App& node);
  ValuePtr rule(const Expr& expr, const Let& node);
  ValuePtr rule(const Expr& expr, const Annot& node);
  ValuePtr rule(const Expr& expr, const If& node);
  ValuePtr rule(const Expr& expr, const BinOp& node);
  ValuePtr rule(const Expr& expr, const BuiltinRef& node);
  ValuePtr rule(const Expr& expr, const ConstRef& node);
  ValuePtr rule(const Expr& expr, const BoolLit& node);
  ValuePtr rule(const Expr& expr, const NaturalLit& node);
  ValuePtr rule(const Expr& expr, const IntegerLit& node);
  ValuePtr rule(const Expr& expr, const DoubleLit& node);
  ValuePtr rule(const Expr& expr, const TextLit& node);
  ValuePtr rule(const Expr& expr, const BytesLit& node);
  ValuePtr rule(const Expr& expr, const DateLit& node);
  ValuePtr rule(const Expr& expr, const TimeLit& node);
  ValuePtr rule(const Expr& expr, const TimeZoneLit& node);
  ValuePtr rule(const Expr& expr, const ListLit& node);
  ValuePtr rule(const Expr& expr, const Some& node);
  ValuePtr rule(const Expr& expr, const RecordType& node);
  ValuePtr rule(const Expr& expr, const RecordLit& node);
  ValuePtr rule(const Expr& expr, const UnionType& node);
  ValuePtr rule(const Expr& expr, const Field& node);
  ValuePtr rule(const Expr& expr, const Project& node);
  ValuePtr rule(const Expr& expr, const ProjectByType& node);
  ValuePtr rule(const Expr& expr, const Merge& node);
  ValuePtr rule(const Expr& expr, const ToMap& node);
  ValuePtr rule(const Expr& expr, const ShowConstructor& node);
  ValuePtr rule(const Expr& expr, const Assert& node);
  ValuePtr rule(const Expr& expr, const With& node);
  ValuePtr rule(const Expr& expr, const ImportRef& node);
  ValuePtr rule(const Expr& expr, const Embedded& node);

  // Operators (typecheck_operators.cpp).
  ValuePtr operand_of_type(const ExprPtr& operand, Builtin type, const BinOp& node);
  ValuePtr list_append(const BinOp& node);
  ValuePtr combine(const Expr& expr, const BinOp& node);
  ValuePtr combine_types(const Expr& expr, const BinOp& node);
  ValuePtr prefer(const BinOp& node);
  ValuePtr equivalent(const BinOp& node);
  ValuePtr record_completion(const Expr& expr, const BinOp& node);
  // The type of `operand` of the operator `op_text`, which must be a record
  // type.
  ValuePtr record_operand(const ExprPtr& operand, std::string_view op_text);

  // `merge` (typecheck_merge.cpp): the alternatives it takes apart, and
  // what a handler returns.
  ValueFieldMap merge_alternatives(const ExprPtr& scrutinee);
  ValuePtr handler_output(Label label, const ValuePtr& handler, const ValuePtr& alternative,
                          const Expr& handlers);

  // The type of `e with path = v` given the type of `e` (typecheck_records.cpp).
  ValuePtr with_type(const Expr& expr, const ValuePtr& current, const With& node, std::size_t step,
                     const ValuePtr& value_type);

  // Shared judgments (typecheck.cpp) ------------------------------------

  // The value of a well-typed `expr` in the current context (a recorded
  // value for known imports).
  ValuePtr evaluate(const ExprPtr& expr) const;

  // The universe of a type (the c in Γ ⊢ T : c); nullopt for Sort, which has
  // no type.
  std::optional<Const> universe_of(const ValuePtr& type);
  // The largest universe of the types of a record type's fields or a union
  // type's alternatives (Type when there are none); nullopt if one is Sort.
  template <typename FieldMap>
  std::optional<Const> largest_universe(const FieldMap& fields);
  // Γ ⊢ expr : c for a constant c, or an error saying `what` must be a type.
  Const infer_universe(const ExprPtr& expr, std::string_view what);
  // Requires `type` : Type; `what` names the thing whose type it is.
  void require_term_type(const ValuePtr& type, const Expr& where, std::string_view what);

  // `type` as the user reads it, in backquotes.
  std::string show(const ValuePtr& type) const;
  // Why `actual` is not `expected`: for record types the first few fields
  // that differ; empty when nothing more specific than "they differ" can be
  // said.
  std::string difference(const ValuePtr& expected, const ValuePtr& actual) const;
  [[noreturn]] void fail(const Expr& where, const std::string& message) const;

  TypeContext context_;
  const KnownTypes* known_;
  std::size_t depth_ = 0;
  // Types of expressions checked with an empty context, by node. The node
  // is kept alive so that its address is never reused by another.
  struct ClosedType {
    ExprPtr expr;
    ValuePtr type;
  };
  std::unordered_map<const Expr*, ClosedType> closed_types_;
  // The types of the links of the chains infer_chain is checking.
  std::unordered_map<const Expr*, ValuePtr> chain_types_;
};

} // namespace polar::dhall
