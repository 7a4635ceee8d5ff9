// The AST node itself: imports live behind a pointer so that every node
// stays small (docs/parser.md, "Node size").
#include <gtest/gtest.h>

#include "syntax/expr.h"

namespace polar::dhall {
namespace {

TEST(ExprNode, StaysSmall) {
  // Every phase allocates millions of these; the Import alternative inline
  // made each one 248 bytes.
  EXPECT_LE(sizeof(Expr), 96U);
}

TEST(ExprNode, ImportsAreReachableThroughAs) {
  Import import{EnvImport{"HOME"}, ImportMode::raw_text, std::nullopt};
  ExprPtr expr = make_expr(std::move(import));
  ASSERT_TRUE(expr->is<Import>());
  const Import* seen = expr->as<Import>();
  ASSERT_NE(seen, nullptr);
  EXPECT_EQ(seen->mode, ImportMode::raw_text);
  EXPECT_EQ(std::get<EnvImport>(seen->target).name, "HOME");
  // Copies of the node share the one Import.
  Expr copy(expr->node(), expr->span());
  EXPECT_EQ(copy.as<Import>(), seen);

  ExprPtr other = make_expr(NaturalLit{Natural(1)});
  EXPECT_FALSE(other->is<Import>());
  EXPECT_EQ(other->as<Import>(), nullptr);
}

} // namespace
} // namespace polar::dhall
