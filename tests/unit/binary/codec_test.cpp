// Encoding and decoding of expressions: exact bytes for the interesting
// cases, round trips, and rejection of hostile or non-standard input.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "binary/decode.h"
#include "binary/encode.h"

namespace polar::dhall {
namespace {

using Bytes = std::vector<std::uint8_t>;

const Natural two_to_64 = Natural(~std::uint64_t{0}) + Natural(1);

ExprPtr var(std::string_view name, Natural index = 0) {
  return make_expr(Var{Label(name), std::move(index)});
}
ExprPtr natural(Natural value) {
  return make_expr(NaturalLit{std::move(value)});
}
ExprPtr builtin(Builtin builtin) {
  return make_expr(BuiltinRef{builtin});
}

// Encoding then decoding gives an expression that encodes the same way.
void expect_round_trip(const ExprPtr& expr) {
  Bytes bytes = encode(*expr);
  EXPECT_EQ(encode(*decode(bytes)), bytes);
}

void expect_decode_error(const Bytes& bytes, const std::string& fragment = "") {
  try {
    decode(bytes);
    ADD_FAILURE() << "decoded";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::decode);
    EXPECT_NE(error.message().find(fragment), std::string::npos)
        << error.message() << " (input of " << bytes.size() << " bytes)";
  }
}

TEST(Encode, Variables) {
  EXPECT_EQ(encode(*var("_", 4)), (Bytes{0x04}));
  EXPECT_EQ(encode(*var("x", 1)), (Bytes{0x82, 0x61, 'x', 0x01}));
  EXPECT_EQ(encode(*var("_", two_to_64)), (Bytes{0xc2, 0x49, 1, 0, 0, 0, 0, 0, 0, 0, 0}));
}

TEST(Encode, ApplicationsAndLetsAreFlattened) {
  auto app = make_expr(App{make_expr(App{var("f"), var("x")}), var("y")});
  EXPECT_EQ(encode(*app), (Bytes{0x84, 0x00, 0x82, 0x61, 'f', 0x00, 0x82, 0x61, 'x', 0x00, 0x82,
                                 0x61, 'y', 0x00}));
  auto inner = make_expr(Let{Label("y"), nullptr, natural(2), var("x")});
  auto outer = make_expr(Let{Label("x"), builtin(Builtin::natural), natural(1), inner});
  EXPECT_EQ(encode(*outer),
            (Bytes{0x88, 0x18, 0x19, 0x61, 'x', 0x67, 'N',  'a',  't',  'u',  'r',  'a', 'l',
                   0x82, 0x0f, 0x01, 0x61, 'y', 0xf6, 0x82, 0x0f, 0x02, 0x82, 0x61, 'x', 0x00}));
}

TEST(Encode, EmptyListsKeepTheirType) {
  auto list_natural = make_expr(App{builtin(Builtin::list), builtin(Builtin::natural)});
  EXPECT_EQ(encode(*make_expr(ListLit{list_natural, {}})),
            (Bytes{0x82, 0x04, 0x67, 'N', 'a', 't', 'u', 'r', 'a', 'l'}));
  EXPECT_EQ(encode(*make_expr(ListLit{var("x"), {}})),
            (Bytes{0x82, 0x18, 0x1c, 0x82, 0x61, 'x', 0x00}));
}

TEST(Encode, Integers) {
  auto integer = [](Integer value) { return encode(*make_expr(IntegerLit{std::move(value)})); };
  EXPECT_EQ(integer(Integer(0)), (Bytes{0x82, 0x10, 0x00}));
  EXPECT_EQ(integer(Integer(-1)), (Bytes{0x82, 0x10, 0x20}));
  EXPECT_EQ(integer(Integer(true, two_to_64 + two_to_64)),
            (Bytes{0x82, 0x10, 0xc3, 0x49, 1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}));
}

TEST(Encode, TimeZoneSignAndMinutes) {
  EXPECT_EQ(encode(*make_expr(TimeZoneLit{-(8 * 60 + 30)})),
            (Bytes{0x84, 0x18, 0x20, 0xf4, 0x08, 0x18, 0x1e}));
  EXPECT_EQ(encode(*make_expr(TimeZoneLit{0})), (Bytes{0x84, 0x18, 0x20, 0xf5, 0x00, 0x00}));
}

TEST(Encode, TimeSecondsAreDecimalFractions) {
  // 12:00:01.50 is 150 * 10^-2 seconds.
  EXPECT_EQ(encode(*make_expr(TimeLit{12, 0, Natural(150), 2})),
            (Bytes{0x84, 0x18, 0x1f, 0x0c, 0x00, 0xc4, 0x82, 0x21, 0x18, 0x96}));
}

TEST(Encode, ImportWithHashAndHeaders) {
  Import import;
  RemoteImport remote{Scheme::https, "example.com", {"a"}, "b", std::string("q"), var("h")};
  import.target = remote;
  import.mode = ImportMode::raw_text;
  import.hash = Sha256{};
  import.hash->fill(0xab);
  Bytes expected{0x89, 0x18, 0x18, 0x58, 0x22, 0x12, 0x20};
  expected.insert(expected.end(), 32, 0xab);
  Bytes rest{0x01, 0x01, 0x82, 0x61, 'h', 0x00, 0x6b, 'e', 'x',  'a', 'm',  'p',
             'l',  'e',  '.',  'c',  'o', 'm',  0x61, 'a', 0x61, 'b', 0x61, 'q'};
  expected.insert(expected.end(), rest.begin(), rest.end());
  EXPECT_EQ(encode(*make_expr(import)), expected);
  expect_round_trip(make_expr(import));
}

TEST(RoundTrip, EveryKindOfExpression) {
  auto x = var("x");
  FieldMap fields{{Label("b"), natural(1)}, {Label("a"), x}};
  FieldMap alternatives{{Label("A"), builtin(Builtin::bool_)}, {Label("B"), nullptr}};
  std::vector<ExprPtr> exprs{
      make_expr(Lambda{Label("x"), builtin(Builtin::natural), x}),
      make_expr(Lambda{Label("_"), builtin(Builtin::natural), var("_")}),
      make_expr(Pi{Label("_"), builtin(Builtin::natural), builtin(Builtin::text)}),
      make_expr(Annot{x, make_expr(ConstRef{Const::sort})}),
      make_expr(If{make_expr(BoolLit{true}), x, x}),
      make_expr(BinOp{Op::record_completion, x, x}),
      make_expr(DoubleLit{-1.25}),
      make_expr(DoubleLit{NAN}),
      make_expr(TextLit{{{"a", x}, {"", x}}, "tail"}),
      make_expr(BytesLit{{0x00, 0xff}}),
      make_expr(DateLit{2000, 2, 29}),
      make_expr(TimeLit{23, 59, Natural::parse("59999999999999999999999999").value(), 24}),
      make_expr(ListLit{nullptr, {x, x}}),
      make_expr(Some{x}),
      make_expr(RecordType{fields}),
      make_expr(RecordLit{fields}),
      make_expr(UnionType{alternatives}),
      make_expr(Field{x, Label("a")}),
      make_expr(Project{x, {Label("b"), Label("a")}}),
      make_expr(Project{x, {}}),
      make_expr(ProjectByType{x, make_expr(RecordType{})}),
      make_expr(Merge{x, x, nullptr}),
      make_expr(Merge{x, x, x}),
      make_expr(ToMap{x, nullptr}),
      make_expr(ToMap{x, x}),
      make_expr(ShowConstructor{x}),
      make_expr(Assert{x}),
      make_expr(With{x, {WithStep{true, {}}, WithStep{false, Label("a")}}, x}),
      make_expr(Import{EnvImport{"HOME"}, ImportMode::location, std::nullopt}),
      make_expr(Import{MissingImport{}, ImportMode::raw_bytes, std::nullopt}),
      make_expr(Import{LocalImport{FilePrefix::home, {"a", "b"}, "c"}, ImportMode::code, {}}),
      make_expr(Import{RemoteImport{Scheme::http, "h", {}, "", std::nullopt, nullptr},
                       ImportMode::code, std::nullopt}),
      natural(two_to_64 * two_to_64),
      make_expr(IntegerLit{Integer(true, two_to_64 * two_to_64)}),
      var("x", two_to_64),
  };
  for (const auto& expr : exprs) {
    expect_round_trip(expr);
  }
}

TEST(Decode, AcceptsNonCanonicalNumbers) {
  // [15, 2(h'0000 01')] is 1 with a padded bignum.
  ExprPtr one = decode(Bytes{0x82, 0x0f, 0xc2, 0x43, 0x00, 0x00, 0x01});
  ASSERT_TRUE(one->is<NaturalLit>());
  EXPECT_EQ(one->as<NaturalLit>()->value, Natural(1));
  // A single-precision 1.0 is the Double 1.0.
  ExprPtr single = decode(Bytes{0xfa, 0x3f, 0x80, 0x00, 0x00});
  EXPECT_EQ(single->as<DoubleLit>()->value, 1.0);
  // Any NaN is NaN, and encodes canonically.
  ExprPtr nan = decode(Bytes{0xfb, 0x7f, 0xf0, 0, 0, 0, 0, 0, 1});
  EXPECT_TRUE(std::isnan(nan->as<DoubleLit>()->value));
  EXPECT_EQ(encode(*nan), (Bytes{0xf9, 0x7e, 0x00}));
}

TEST(Decode, DepthIsLimited) {
  // [5, null, [5, null, … 0]]: Some (Some (… _)).
  auto nested_somes = [](std::size_t depth) {
    Bytes bytes;
    for (std::size_t i = 0; i < depth; ++i) {
      bytes.insert(bytes.end(), {0x83, 0x05, 0xf6});
    }
    bytes.push_back(0x00);
    return bytes;
  };
  ExprPtr deepest = decode(nested_somes(max_decode_depth - 1));
  EXPECT_EQ(decode(encode(*deepest))->as<Some>() != nullptr, true);
  expect_decode_error(nested_somes(max_decode_depth), "nested");
  expect_decode_error(nested_somes(100000), "nested");
  // Bare nested arrays fail the same way, whatever they claim to hold.
  expect_decode_error(Bytes(100000, 0x81), "");
}

// Applications and lets are flat in CBOR and flat chains in the syntax
// tree (syntax/spine.h): they do not count towards the depth, and the tree
// they make can be encoded and released whatever its length.
TEST(Decode, ApplicationAndLetSpinesAreNotNesting) {
  auto application = [](std::size_t arguments) {
    Bytes bytes{0x9a};
    for (int shift = 24; shift >= 0; shift -= 8) {
      bytes.push_back(static_cast<std::uint8_t>((arguments + 2) >> shift));
    }
    bytes.push_back(0x00);                          // label 0
    bytes.insert(bytes.end(), arguments + 1, 0x00); // _ applied to _ …
    return bytes;
  };
  constexpr std::size_t length = 100 * max_decode_depth;
  Bytes spine = application(length);
  EXPECT_EQ(encode(*decode(spine)), spine);
  auto lets = [](std::size_t bindings) {
    Bytes bytes{0x9a};
    for (int shift = 24; shift >= 0; shift -= 8) {
      bytes.push_back(static_cast<std::uint8_t>((3 * bindings + 2) >> shift));
    }
    bytes.insert(bytes.end(), {0x18, 0x19});
    for (std::size_t i = 0; i < bindings; ++i) {
      bytes.insert(bytes.end(), {0x61, 'x', 0xf6, 0x00}); // x = _
    }
    bytes.push_back(0x00);
    return bytes;
  };
  Bytes chain = lets(length);
  EXPECT_EQ(encode(*decode(chain)), chain);
}

// `a + b + c` nests in CBOR as in the tree: encoding a long chain loops,
// and decoding it reaches the depth limit cleanly.
TEST(Encode, LongOperatorChainsAreWrittenInALoop) {
  constexpr std::size_t length = 100 * max_decode_depth;
  ExprPtr chain = make_expr(NaturalLit{Natural(1)});
  for (std::size_t index = 0; index < length; ++index) {
    chain = make_expr(BinOp{Op::natural_plus, chain, make_expr(NaturalLit{Natural(2)})});
  }
  Bytes bytes = encode(*chain);
  // The heads of every link, the innermost operand 1, then every 2.
  ASSERT_EQ(bytes.size(), 3 * length + 3 + 3 * length);
  EXPECT_EQ((Bytes(bytes.begin(), bytes.begin() + 6)), (Bytes{0x84, 0x03, 0x04, 0x84, 0x03, 0x04}));
  auto middle = bytes.begin() + static_cast<std::ptrdiff_t>(3 * length);
  EXPECT_EQ((Bytes(middle, middle + 6)), (Bytes{0x82, 0x0f, 0x01, 0x82, 0x0f, 0x02}));
  expect_decode_error(bytes, "nested");
}

TEST(Decode, ManySelfDescribeTagsAreHarmless) {
  Bytes bytes;
  for (int i = 0; i < 100000; ++i) {
    bytes.insert(bytes.end(), {0xd9, 0xd9, 0xf7});
  }
  bytes.push_back(0xf5);
  EXPECT_TRUE(decode(bytes)->as<BoolLit>()->value);
}

TEST(Decode, HostileLengths) {
  expect_decode_error({0x9b, 0x10, 0, 0, 0, 0, 0, 0, 0, 0x04}, "exceeds");
  expect_decode_error({0x82, 0x18, 0x21, 0x5b, 0x10, 0, 0, 0, 0, 0, 0, 0}, "exceeds");
  expect_decode_error({0x82, 0x07, 0xbb, 0x10, 0, 0, 0, 0, 0, 0, 0}, "exceeds");
  expect_decode_error({0x82, 0x0f, 0xc2, 0x5b, 0x10, 0, 0, 0, 0, 0, 0, 0}, "exceeds");
  // A let claiming 2^32 bindings in a few bytes.
  expect_decode_error({0x9a, 0xff, 0xff, 0xff, 0xff, 0x18, 0x19}, "exceeds");
}

TEST(Decode, RejectsNonStandardExpressions) {
  expect_decode_error({0x00, 0x00}, "after the expression");
  expect_decode_error({0x80}, "empty array");
  expect_decode_error({0x82, 0x04, 0xf6}, "needs a type");       // [4, null]
  expect_decode_error({0x83, 0x05, 0x00, 0x00}, "type of Some"); // [5, 0, 0]
  expect_decode_error({0x6a, 'L', 'i', 's', 't', '/', 'B', 'u', 'i', 'l', 'd'}, "built-in");
  expect_decode_error({0x64, 'T', 'r', 'u', 'e'}, "built-in");
  expect_decode_error({0x82, 0x0c, 0x00}, "label 12"); // union literal
  expect_decode_error({0x82, 0x11, 0x00}, "label 17");
  expect_decode_error({0x82, 0x18, 0x23, 0x00}, "label 35");
  expect_decode_error({0xf6}, "simple value 22");   // null
  expect_decode_error({0xf7}, "simple value 23");   // undefined
  expect_decode_error({0x20}, "not an expression"); // -1
  expect_decode_error({0xc3, 0x41, 0x01}, "tag 3");
  expect_decode_error({0xc4, 0x82, 0x00, 0x00}, "tag 4");
  expect_decode_error({0x82, 0x0f, 0x20}, "natural"); // [15, -1]
  expect_decode_error({0x82, 0x07, 0xa2, 0x61, 'a', 0x00, 0x61, 'a', 0x00}, "duplicate");
  expect_decode_error({0x82, 0x07, 0xa1, 0x00, 0x00}, "text string"); // non-text key
  expect_decode_error({0x82, 0x07, 0xa1, 0x61, 'a', 0xf6}, "simple value 22");
  expect_decode_error({0x84, 0x18, 0x1d, 0x00, 0x81, 0x01, 0x00}, "out of range"); // with 1
  expect_decode_error({0x84, 0x18, 0x1d, 0x00, 0x80, 0x00}, "with path");
  expect_decode_error({0x83, 0x0a, 0x00, 0x00}, "text string"); // projection of 0
}

TEST(Decode, RejectsMalformedImports) {
  // A 33-byte integrity check.
  Bytes short_hash{0x85, 0x18, 0x18, 0x58, 0x21, 0x12, 0x20};
  short_hash.insert(short_hash.end(), 31, 0x00);
  short_hash.insert(short_hash.end(), {0x00, 0x07});
  expect_decode_error(short_hash, "multihash");
  expect_decode_error({0x84, 0x18, 0x18, 0xf6, 0x04, 0x07}, "import mode");
  expect_decode_error({0x84, 0x18, 0x18, 0xf6, 0x00, 0x08}, "import type");
  expect_decode_error({0x85, 0x18, 0x18, 0xf6, 0x00, 0x07, 0x00}, "missing");
  expect_decode_error({0x84, 0x18, 0x18, 0xf6, 0x00, 0x03}, "path import");
  expect_decode_error({0x87, 0x18, 0x18, 0xf6, 0x00, 0x01, 0xf6, 0x60, 0x60}, "URL import");
}

TEST(Decode, TemporalLiteralsAreValidated) {
  expect_decode_error({0x84, 0x18, 0x1e, 0x19, 0x07, 0xd1, 0x02, 0x18, 0x1d},
                      "invalid date"); // 2001-02-29
  EXPECT_NO_THROW(
      decode(Bytes{0x84, 0x18, 0x1e, 0x19, 0x07, 0xd0, 0x02, 0x18, 0x1d}));      // 2000-02-29
  expect_decode_error({0x84, 0x18, 0x1e, 0x19, 0x27, 0x10, 0x01, 0x01}, "year"); // 10000-01-01
  expect_decode_error({0x84, 0x18, 0x1e, 0x00, 0x00, 0x01}, "invalid date");     // month 0
  expect_decode_error({0x84, 0x18, 0x1f, 0x18, 0x18, 0x00, 0xc4, 0x82, 0x00, 0x00}, "hour");
  expect_decode_error({0x84, 0x18, 0x1f, 0x00, 0x00, 0xc4, 0x82, 0x00, 0x18, 0x3c}, "below 60");
  expect_decode_error({0x84, 0x18, 0x1f, 0x00, 0x00, 0xc4, 0x82, 0x20, 0x19, 0x02, 0x58},
                      "below 60"); // 60.0
  expect_decode_error({0x84, 0x18, 0x1f, 0x00, 0x00, 0xc4, 0x82, 0x01, 0x00}, "precision");
  expect_decode_error({0x84, 0x18, 0x1f, 0x00, 0x00, 0xc4, 0x82, 0x3b, 0xff, 0xff, 0xff, 0xff, 0xff,
                       0xff, 0xff, 0xff, 0x00},
                      "precision");
  expect_decode_error({0x84, 0x18, 0x1f, 0x00, 0x00, 0xc5, 0x82, 0x00, 0x00}, "tag 4");
  expect_decode_error({0x84, 0x18, 0x20, 0xf5, 0x18, 0x18, 0x00}, "hours");
  expect_decode_error({0x84, 0x18, 0x20, 0x00, 0x00, 0x00}, "boolean");
}

} // namespace
} // namespace polar::dhall
