// The small pieces under the resolver: raw imports, CORS, request headers,
// subexpression rewriting.
#include <gtest/gtest.h>

#include "imports/detail/cors.h"
#include "imports/detail/raw_import.h"
#include "imports/detail/request_headers.h"
#include "imports/subexpressions.h"

namespace polar::dhall {
namespace {

TEST(RawImport, TextMustBeUtf8) {
  EXPECT_TRUE(text_literal("Hello, world!\n", {}).has_value());
  EXPECT_TRUE(text_literal("λ → 🎉", {}).has_value());
  EXPECT_FALSE(text_literal("\xC0\xAF", {}).has_value());         // overlong "/"
  EXPECT_FALSE(text_literal("\xED\xA0\x80", {}).has_value());     // surrogate
  EXPECT_FALSE(text_literal("\xF4\x90\x80\x80", {}).has_value()); // past U+10FFFF
  EXPECT_FALSE(text_literal("abc\xE2\x82", {}).has_value());      // truncated
  EXPECT_EQ((*text_literal("x", {}))->as<TextLit>()->tail, "x");
}

TEST(RawImport, BytesAreKeptAsIs) {
  auto bytes = bytes_literal(std::string("\x00\xFF", 2), {});
  EXPECT_EQ(bytes->as<BytesLit>()->bytes, (std::vector<std::uint8_t>{0x00, 0xFF}));
}

RemoteImport url(std::string authority) {
  return RemoteImport{Scheme::https, std::move(authority), {}, "x", std::nullopt, nullptr};
}

TEST(Cors, SameOriginAndLocalParentsNeedNothing) {
  EXPECT_TRUE(cors_compliant(url("a.org"), url("a.org"), {}));
  EXPECT_TRUE(cors_compliant(LocalImport{FilePrefix::here, {}, "x"}, url("b.org"), {}));
}

TEST(Cors, OtherOriginMustBeAllowedExactlyOnce) {
  EXPECT_FALSE(cors_compliant(url("a.org"), url("b.org"), {}));
  EXPECT_TRUE(cors_compliant(url("a.org"), url("b.org"), {{"access-control-allow-origin", "*"}}));
  EXPECT_TRUE(cors_compliant(url("a.org"), url("b.org"),
                             {{"Access-Control-Allow-Origin", "https://a.org"}}));
  EXPECT_FALSE(cors_compliant(url("a.org"), url("b.org"),
                              {{"Access-Control-Allow-Origin", "https://c.org"}}));
  EXPECT_FALSE(
      cors_compliant(url("a.org"), url("b.org"),
                     {{"Access-Control-Allow-Origin", "*"}, {"Access-Control-Allow-Origin", "*"}}));
}

ExprPtr text(std::string value) {
  return make_expr(TextLit{{}, std::move(value)});
}

ExprPtr header_list_type(const char* name, const char* value) {
  auto text_type = make_expr(BuiltinRef{Builtin::text});
  return make_expr(
      App{make_expr(BuiltinRef{Builtin::list}),
          make_expr(RecordType{{{Label(name), text_type}, {Label(value), text_type}}})});
}

TEST(RequestHeaders, AcceptsBothListShapes) {
  auto list = make_expr(ListLit{
      nullptr,
      {make_expr(RecordLit{{{Label("mapKey"), text("A")}, {Label("mapValue"), text("1")}}})}});
  auto headers = request_headers(*list, *header_list_type("mapKey", "mapValue"), {});
  ASSERT_EQ(headers.size(), 1U);
  EXPECT_EQ(headers[0], (HttpHeader{"A", "1"}));
  auto other = make_expr(
      ListLit{nullptr,
              {make_expr(RecordLit{{{Label("header"), text("B")}, {Label("value"), text("2")}}})}});
  EXPECT_EQ(request_headers(*other, *header_list_type("header", "value"), {})[0],
            (HttpHeader{"B", "2"}));
}

TEST(RequestHeaders, RejectsOtherTypes) {
  auto list = make_expr(ListLit{header_list_type("a", "b"), {}});
  EXPECT_THROW(request_headers(*list, *header_list_type("a", "b"), {}), Error);
}

TEST(Subexpressions, RewritesChildrenInOrderAndSharesUnchangedTrees) {
  auto one = make_expr(NaturalLit{1});
  auto two = make_expr(NaturalLit{2});
  auto sum = make_expr(BinOp{Op::natural_plus, one, two});
  EXPECT_EQ(map_subexpressions(sum, [](const ExprPtr& e) { return e; }), sum);
  std::vector<ExprPtr> seen;
  auto swapped = map_subexpressions(sum, [&](const ExprPtr& e) {
    seen.push_back(e);
    return e == one ? two : one;
  });
  EXPECT_EQ(seen, (std::vector<ExprPtr>{one, two}));
  EXPECT_EQ(swapped->as<BinOp>()->lhs, two);
  EXPECT_EQ(swapped->as<BinOp>()->rhs, one);
}

TEST(Subexpressions, SkipsAbsentParts) {
  auto let =
      make_expr(Let{Label("x"), nullptr, make_expr(NaturalLit{1}), make_expr(NaturalLit{2})});
  int calls = 0;
  map_subexpressions(let, [&](const ExprPtr& e) {
    ++calls;
    return e;
  });
  EXPECT_EQ(calls, 2);
}

} // namespace
} // namespace polar::dhall
