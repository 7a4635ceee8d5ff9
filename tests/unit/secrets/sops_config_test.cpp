#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "secrets/error.h"
#include "secrets/sops_config.h"

namespace polar::secrets {
namespace {

namespace fs = std::filesystem;

const std::string first = AgeIdentity::generate().recipient().to_string();
const std::string second = AgeIdentity::generate().recipient().to_string();

TEST(SopsConfig, TheFirstMatchingRuleWins) {
  std::string config = "creation_rules:\n"
                       "  - path_regex: .*-secret\\.yaml$\n"
                       "    encrypted_regex: ^(data|stringData)$\n"
                       "    age: >-\n      " +
                       first + ",\n      " + second +
                       "\n"
                       "  - age: " +
                       second + "\n";
  CreationRule rule = creation_rule_for(config, "/repo/.sops.yaml", "/repo/chart/db-secret.yaml");
  ASSERT_EQ(rule.recipients.size(), 2u);
  EXPECT_EQ(rule.recipients[0].to_string(), first);
  EXPECT_EQ(rule.scope.encrypted_regex, "^(data|stringData)$");
  CreationRule fallback = creation_rule_for(config, "/repo/.sops.yaml", "/repo/values.yaml");
  ASSERT_EQ(fallback.recipients.size(), 1u);
  EXPECT_EQ(fallback.recipients[0].to_string(), second);
  EXPECT_FALSE(fallback.scope.encrypted_regex);
}

TEST(SopsConfig, MatchesPathsRelativeToTheConfigFolder) {
  std::string config =
      "creation_rules:\n  - path_regex: ^chart/\n    age:\n      - " + first + "\n";
  EXPECT_NO_THROW(creation_rule_for(config, "/repo/.sops.yaml", "/repo/chart/x.yaml"));
  EXPECT_THROW(creation_rule_for(config, "/repo/.sops.yaml", "/repo/other/x.yaml"), Error);
}

TEST(SopsConfig, RejectsRulesWithoutAgeOrWithUnsupportedSettings) {
  EXPECT_THROW(creation_rule_for("creation_rules:\n  - pgp: ABC\n", "/r/.sops.yaml", "/r/a"),
               Error);
  EXPECT_THROW(creation_rule_for("creation_rules:\n  - key_groups: []\n    age: " + first + "\n",
                                 "/r/.sops.yaml", "/r/a"),
               Error);
  EXPECT_THROW(creation_rule_for("creation_rules:\n  - age: age1nope\n", "/r/.sops.yaml", "/r/a"),
               Error);
  EXPECT_THROW(creation_rule_for("rules: []\n", "/r/.sops.yaml", "/r/a"), Error);
}

// Polar's rule: a key of another kind names the way out, ENCRYPT_COMMAND.
TEST(SopsConfig, ANonAgeRulePointsAtEncryptCommand) {
  for (std::string key :
       {"azure_keyvault: https://vault.example/keys/sops/1",
        "pgp: 85D77543B3D624B63CEA9E6DBC17301B491B3F21", "kms: arn:aws:kms:us-east-1:1:key/x"}) {
    std::string config = "creation_rules:\n  - path_regex: .*\\.yaml$\n    " + key + "\n";
    try {
      creation_rule_for(config, "/repo/.sops.yaml", "/repo/gitops/db-secret.yaml");
      FAIL() << key;
    } catch (const Error& error) {
      std::string message = error.what();
      std::string name = key.substr(0, key.find(':'));
      EXPECT_NE(message.find("only '" + name + "'"), std::string::npos) << message;
      EXPECT_NE(message.find("ENCRYPT_COMMAND sops encrypt --filename-override <OUTPUT>"),
                std::string::npos)
          << message;
      EXPECT_EQ(message.find('\n'), std::string::npos) << "one line";
    }
  }
}

TEST(SopsConfig, FindsTheNearestConfigUpward) {
  fs::path root = fs::temp_directory_path() / ("sops-config-test-" + std::to_string(::getpid()));
  fs::create_directories(root / "a" / "b");
  std::ofstream(root / ".sops.yaml") << "creation_rules: []\n";
  EXPECT_EQ(find_sops_config(root / "a" / "b" / "file.yaml"), root / ".sops.yaml");
  std::ofstream(root / "a" / ".sops.yaml") << "creation_rules: []\n";
  EXPECT_EQ(find_sops_config(root / "a" / "b"), root / "a" / ".sops.yaml");
  fs::remove_all(root);
}

} // namespace
} // namespace polar::secrets
