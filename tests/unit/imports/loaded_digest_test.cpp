// semantic_digest(Loaded): the hash of a loaded expression read back in
// pieces equals the standard one of its whole α-β-normal form.
#include "binary/hash.h"
#include "resolver_fixture.h"

namespace polar::dhall {
namespace {

class LoadedDigestTest : public testing::ResolverTest {
protected:
  // Both hashes of `main`, which must agree.
  ::testing::AssertionResult hashes_alike(const std::string& main) {
    write("main.dhall", main);
    Loaded loaded = load_file("main.dhall", options);
    Sha256 whole = sha256(encode(*alpha_normalize(loaded.normal_form())));
    Sha256 in_pieces = semantic_digest(loaded);
    if (whole == in_pieces) {
      return ::testing::AssertionSuccess();
    }
    return ::testing::AssertionFailure() << "in pieces sha256:" << to_hex(in_pieces)
                                         << ", whole sha256:" << to_hex(whole) << " for " << main;
  }
};

TEST_F(LoadedDigestTest, LeavesAndLiteralsAtTheTop) {
  EXPECT_TRUE(hashes_alike("1"));
  EXPECT_TRUE(hashes_alike("\"text\""));
  EXPECT_TRUE(hashes_alike("λ(x : Natural) → x + 1"));
  EXPECT_TRUE(hashes_alike("{=}"));
  EXPECT_TRUE(hashes_alike("[] : List Natural"));
  EXPECT_TRUE(hashes_alike("None Bool"));
  EXPECT_TRUE(hashes_alike("Some [ { a = 1 } ]"));
}

TEST_F(LoadedDigestTest, NestedRecordsListsAndFunctions) {
  EXPECT_TRUE(hashes_alike(
      "let f = λ(n : Natural) → { n, id = λ(x : Text) → x, tags = [ \"a\", \"b\" ] }\n"
      "in  { services = [ f 1, f 2 ], empty = [] : List Bool, nested = { deeper = Some (f 3) }"
      ", union = < A : Natural | B >.A 4, type = { x : Natural }, `odd label` = 0 }"));
}

// A list of union constructors applied, as a render's resources are: the
// union type is one piece, met again at every item.
TEST_F(LoadedDigestTest, UnionConstructorsApplied) {
  EXPECT_TRUE(hashes_alike("let R = < A : { x : Natural } | B : List Text | C >\n"
                           "in  [ R.A { x = 1 }, R.B [ \"y\" ], R.C, R.A { x = 2 } ]"));
}

// A value the pieces share (an import used twice, a let) reads back once and
// still encodes at each place; the labels of the record fields keep the
// standard's order (code points, not insertion).
TEST_F(LoadedDigestTest, SharedValuesAndImports) {
  write("common.dhall", "{ labels = toMap { app = \"x\" }, port = 80, f = λ(y : Bool) → y }");
  EXPECT_TRUE(hashes_alike("let c = ./common.dhall in { b = c, a = [ c, c ], Z = c.f }"));
}

} // namespace
} // namespace polar::dhall
