// Parsing mirror specifications (--mirror) and the mirror configuration file.
#include <gtest/gtest.h>

#include <functional>

#include "../imports/temp_tree.h"
#include "network/mirror_config.h"

namespace polar::network {
namespace {

namespace fs = std::filesystem;
using dhall::testing::TempTree;

std::string error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const MirrorError& error) {
    return error.what();
  }
  return "no error";
}

TEST(MirrorRuleTest, DirectoryTargetsAreAbsoluteAndPrefixesLoseTheirSlash) {
  TempTree tree;
  fs::create_directories(tree.root() / "k8s");
  auto rule = parse_mirror_rule("https://raw.example.org/k8s/master/=k8s", tree.root());
  EXPECT_EQ(rule.prefix, "https://raw.example.org/k8s/master");
  ASSERT_TRUE(std::holds_alternative<DirectoryTarget>(rule.target));
  EXPECT_EQ(std::get<DirectoryTarget>(rule.target).directory, tree.root() / "k8s");
}

TEST(MirrorRuleTest, UrlTargets) {
  auto rule = parse_mirror_rule(" https://a.org/pkg = http://127.0.0.1:8080/m/ ", "/");
  EXPECT_EQ(rule.prefix, "https://a.org/pkg");
  ASSERT_TRUE(std::holds_alternative<UrlTarget>(rule.target));
  EXPECT_EQ(std::get<UrlTarget>(rule.target).prefix, "http://127.0.0.1:8080/m");
}

TEST(MirrorRuleTest, BadSpecificationsSayWhatWasExpected) {
  EXPECT_NE(error_of([] { parse_mirror_rule("https://a.org", "/"); }).find("PREFIX=TARGET"),
            std::string::npos);
  EXPECT_NE(error_of([] { parse_mirror_rule("a.org/=/tmp", "/"); }).find("not an http"),
            std::string::npos);
  EXPECT_NE(error_of([] { parse_mirror_rule("https://=/tmp", "/"); }).find("no host"),
            std::string::npos);
  EXPECT_NE(error_of([] { parse_mirror_rule("https://a.org=", "/"); }).find("no target"),
            std::string::npos);
  EXPECT_NE(error_of([] {
              parse_mirror_rule("https://a.org=/no/such/dir/x", "/");
            }).find("/no/such/dir/x"),
            std::string::npos);
}

TEST(MirrorRuleTest, PrefixesMatchAtPathBoundaries) {
  EXPECT_EQ(remainder_under("https://a.org/pkg/x.dhall", "https://a.org/pkg"), "/x.dhall");
  EXPECT_EQ(remainder_under("https://a.org/pkg", "https://a.org/pkg"), "");
  EXPECT_EQ(remainder_under("https://a.org/pkg?v=1", "https://a.org/pkg"), "?v=1");
  EXPECT_FALSE(remainder_under("https://a.org/pkgs/x.dhall", "https://a.org/pkg"));
  EXPECT_FALSE(remainder_under("https://a.org.evil.com/x", "https://a.org"));
  EXPECT_FALSE(remainder_under("https://a.org:444/x", "https://a.org"));
}

TEST(MirrorConfigTest, ReadsRulesCommentsAndRelativeDirectories) {
  TempTree tree;
  fs::create_directories(tree.root() / "conf" / "prelude");
  auto file = tree.write("conf/mirrors.txt", "# mirrors for CI\n"
                                             "\n"
                                             "https://p.org/v17 = prelude   # local copy\n"
                                             "  https://q.org/ = https://mirror.local/q\r\n");
  auto rules = read_mirror_config(file);
  ASSERT_EQ(rules.size(), 2U);
  EXPECT_EQ(rules[0].prefix, "https://p.org/v17");
  EXPECT_EQ(std::get<DirectoryTarget>(rules[0].target).directory, tree.root() / "conf" / "prelude");
  EXPECT_EQ(rules[1].prefix, "https://q.org");
  EXPECT_EQ(std::get<UrlTarget>(rules[1].target).prefix, "https://mirror.local/q");
}

TEST(MirrorConfigTest, ErrorsNameTheFileAndLine) {
  TempTree tree;
  auto file = tree.write("m.txt", "# ok\nhttps://a.org = https://b.org\nnot a rule\n");
  std::string error = error_of([&] { read_mirror_config(file); });
  EXPECT_NE(error.find(file.string() + ":3: expected PREFIX=TARGET"), std::string::npos) << error;
  EXPECT_NE(
      error_of([&] { read_mirror_config(tree.root() / "missing.txt"); }).find("does not exist"),
      std::string::npos);
  EXPECT_NE(error_of([&] { read_mirror_config(tree.root()); }).find("cannot read"),
            std::string::npos);
}

} // namespace
} // namespace polar::network
