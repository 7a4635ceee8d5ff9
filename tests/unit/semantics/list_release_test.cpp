// A list value's items die with the last list that holds them, even when an
// item refers to the list it was added to: a closure or a suspended record
// field keeps its environment, which binds that list (semantics/
// list_items.h). Lists share their storage as they grow, and a storage that
// owned the items added to it later made a reference cycle of such an item
// (issue #14 item 13: LeakSanitizer found it in Prelude's List/zip and
// List/shifted).
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "semantics/eval.h"
#include "syntax/parser.h"

namespace polar::dhall {
namespace {

// Evaluates `program`, a list, and tells whether its item at `index` is
// released once the list is dropped.
bool item_is_released(const std::string& program, std::size_t index) {
  ValuePtr list = eval(Env{}, parse_text(program));
  const auto* items = list->as<VList>();
  EXPECT_NE(items, nullptr) << program;
  if (items == nullptr || index >= items->items.size()) {
    return false;
  }
  std::weak_ptr<const Value> item = items->items[index];
  list.reset();
  return item.expired();
}

const std::string identity = "λ(n : Natural) → n";

TEST(ListRelease, AnAppendedItemThatHoldsTheListItExtends) {
  // The closure of the second λ binds `l`, whose storage it is appended to.
  EXPECT_TRUE(item_is_released("let l = [ " + identity + " ] in l # [ " + identity + " ]", 1));
}

TEST(ListRelease, APrependedItemThatHoldsTheListItExtends) {
  EXPECT_TRUE(item_is_released(
      "let l = [ " + identity + ", " + identity + " ] in [ " + identity + " ] # l", 0));
}

TEST(ListRelease, ARecordFieldSuspendedOverTheListItExtends) {
  // Prelude's List/zip: `cons { _1 = ix.value, _2 = y } rest` suspends
  // `ix.value` over an environment that binds `rest`.
  EXPECT_TRUE(item_is_released("let l = [ { a = 1 }, { a = 2 } ] in [ { a = (List/length { a : "
                               "Natural } l) + 1 } ] # l",
                               0));
  EXPECT_TRUE(item_is_released(
      "List/build { a : Natural } (λ(list : Type) → λ(cons : { a : Natural } → list → list) → "
      "λ(nil : list) → Natural/fold 3 list (λ(rest : list) → cons { a = Natural/subtract 1 2 } "
      "rest) "
      "nil)",
      0));
}

} // namespace
} // namespace polar::dhall
