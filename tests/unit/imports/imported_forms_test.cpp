// α-normal forms and encodings of imported normal forms, computed once and
// reused by the integrity checks of their importers.
#include "imports/detail/imported_forms.h"

#include <gtest/gtest.h>

#include "binary/encode.h"
#include "semantics/eval.h"
#include "syntax/parser.h"
#include "syntax/printer.h"

namespace polar::dhall {
namespace {

// An importer of `imported` twice, as a resolved tree holds it: shared.
ExprPtr importer_of(const ExprPtr& imported) {
  return make_expr(RecordLit{FieldMap{{Label("f"), imported},
                                      {Label("g"), imported},
                                      {Label("h"), parse_text("λ(y : Bool) → y")}}});
}

TEST(ImportedForms, AlphaNormalFormsAreTheStandardOnesAndShared) {
  ImportedForms forms;
  ExprPtr imported = parse_text("λ(x : Natural) → { x, list = [ x ] }");
  forms.add(imported);
  ExprPtr importer = importer_of(imported);
  ExprPtr normal = forms.alpha_normalize(importer);
  EXPECT_EQ(print(*normal), print(*alpha_normalize(importer)));
  const auto& fields = normal->as<RecordLit>()->fields;
  // Computed once: both occurrences are one tree.
  EXPECT_EQ(fields.at(Label("f")), fields.at(Label("g")));
  EXPECT_EQ(fields.at(Label("f")), forms.alpha_normalize(imported));
  EXPECT_TRUE(forms.contains(*fields.at(Label("f"))));
}

TEST(ImportedForms, EncodingsAreTheStandardOnesAndReused) {
  ImportedForms forms;
  ExprPtr imported = parse_text("{ a = 1, b = [ \"x\", \"y\" ], c = Some -2.5 }");
  forms.add(imported);
  EncodingPtr inner = forms.encode(imported);
  EXPECT_EQ(inner->bytes(), encode(*imported));
  ExprPtr importer = importer_of(imported);
  EXPECT_EQ(forms.encode(importer)->bytes(), encode(*importer));
  EXPECT_EQ(forms.encode(imported), inner); // the very same bytes
  // What was never added is not remembered.
  EXPECT_NE(forms.encode(importer), forms.encode(importer));
}

} // namespace
} // namespace polar::dhall
