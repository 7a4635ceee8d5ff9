#include "tooling/directory_tree.h"

#include <gtest/gtest.h>

#include <string>

#include "semantics/eval.h"
#include "syntax/parser.h"

namespace polar::dhall {
namespace {

std::vector<TreeEntry> entries(std::string_view text, bool allow_path_separators = false) {
  return directory_tree_entries(normalize(parse_text(text)), allow_path_separators);
}

TEST(DirectoryTree, RecordsAreFoldersAndTextsOrBytesFiles) {
  auto tree = entries(R"({ a = "x", d = { b = Some "y", c = None Text, e = 0x"FF00" } })");
  ASSERT_EQ(tree.size(), 4U);
  EXPECT_EQ(tree[0].path, "a");
  EXPECT_EQ(tree[0].content, "x");
  EXPECT_EQ(tree[1].path, "d");
  EXPECT_EQ(tree[1].kind, TreeEntry::Kind::directory);
  EXPECT_EQ(tree[2].path, "d/b");
  EXPECT_EQ(tree[3].path, "d/e");
  EXPECT_EQ(tree[3].content, std::string("\xFF\0", 2));
}

TEST(DirectoryTree, NamesThatLeaveTheFolderAreErrors) {
  EXPECT_THROW(entries(R"({ `..` = "x" })"), Error);
  EXPECT_THROW(entries(R"({ `.` = { a = "x" } })"), Error);
  EXPECT_THROW(entries(R"({ `` = "x" })"), Error);
  EXPECT_THROW(entries(R"({ `a/b` = "x" })"), Error);
  EXPECT_THROW(entries(R"({ `a/../../b` = "x" })", true), Error);
  EXPECT_THROW(entries(R"({ `/etc` = "x" })", true), Error);
  EXPECT_EQ(entries(R"({ `a/b` = "x" })", true).at(0).path, "a/b");
}

TEST(DirectoryTree, OtherValuesAreErrors) {
  EXPECT_THROW(entries(R"({ a = 1 })"), Error);
  EXPECT_THROW(entries(R"("just text")"), Error);
}

// The fixpoint form, spelled out as Prelude's DirectoryTree normalizes.
constexpr std::string_view fixpoint = R"(
let Access = { execute : Optional Bool, read : Optional Bool, write : Optional Bool }
let Mode = { user : Optional Access, group : Optional Access, other : Optional Access }
let User = < UserId : Natural | UserName : Text >
let Group = < GroupId : Natural | GroupName : Text >
let Meta = { name : Text, user : Optional User, group : Optional Group, mode : Optional Mode }
in  λ(tree : Type) →
    λ(make : { directory : (Meta ⩓ { content : List tree }) → tree
             , file : (Meta ⩓ { content : Text }) → tree
             , binary-file : (Meta ⩓ { content : Bytes }) → tree }) →
      [ make.directory
          { name = "etc", user = Some (User.UserName "root"), group = None Group
          , mode = Some { user = None Access
                        , group = Some { execute = None Bool, read = Some True, write = Some False }
                        , other = None Access }
          , content =
            [ make.file { name = "motd", user = Some (User.UserId 0), group = Some (Group.GroupId 4)
                        , mode = None Mode, content = "hi" }
            , make.binary-file { name = "key", user = None User, group = None Group
                               , mode = None Mode, content = 0x"01" }
            ] } ]
)";

TEST(DirectoryTree, TheFixpointFormCarriesOwnersAndModes) {
  auto tree = entries(fixpoint);
  ASSERT_EQ(tree.size(), 3U);
  EXPECT_EQ(tree[0].path, "etc");
  EXPECT_EQ(tree[0].kind, TreeEntry::Kind::directory);
  EXPECT_EQ(std::get<std::string>(*tree[0].user), "root");
  EXPECT_FALSE(tree[0].group);
  ASSERT_TRUE(tree[0].mode && tree[0].mode->group);
  EXPECT_FALSE(tree[0].mode->user);
  EXPECT_EQ(tree[0].mode->group->read, true);
  EXPECT_EQ(tree[0].mode->group->write, false);
  EXPECT_FALSE(tree[0].mode->group->execute);
  EXPECT_EQ(tree[1].path, "etc/motd");
  EXPECT_EQ(tree[1].content, "hi");
  EXPECT_EQ(std::get<Natural>(*tree[1].group), Natural(4));
  EXPECT_EQ(tree[2].path, "etc/key");
  EXPECT_EQ(tree[2].content, "\x01");
}

} // namespace
} // namespace polar::dhall
