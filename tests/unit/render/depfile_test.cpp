#include "render/depfile.h"

#include <gtest/gtest.h>

#include "syntax/source.h"

namespace polar::render {
namespace {

TEST(Depfile, ListsEveryDependencyAfterTheTarget) {
  EXPECT_EQ(format_depfile("out/values.yaml", {"/src/values.dhall", "/src/lib.dhall"}),
            "out/values.yaml: \\\n  /src/values.dhall \\\n  /src/lib.dhall\n");
  EXPECT_EQ(format_depfile("out.yaml", {}), "out.yaml:\n");
}

TEST(Depfile, EscapesAsGccDoes) {
  EXPECT_EQ(format_depfile("my out.yaml", {"/a b/c#d$e.dhall", "/back\\ slash", "/tab\tx"}),
            "my\\ out.yaml: \\\n  /a\\ b/c\\#d$$e.dhall \\\n  /back\\\\\\ slash \\\n  /tab\\\tx\n");
}

TEST(Depfile, RejectsLineBreaks) {
  EXPECT_THROW(format_depfile("out", {"/new\nline"}), dhall::Error);
}

} // namespace
} // namespace polar::render
