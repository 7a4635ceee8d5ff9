#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "chart/detail/helmignore.h"
#include "chart/files.h"
#include "chart/generate.h"
#include "chart/secret_encryption.h"
#include "chart/secret_placeholder.h"
#include "chart/tree_sync.h"
#include "chart/written_files.h"
#include "scratch_folder.h"
#include "secrets/error.h"
#include "secrets/sops_detect.h"
#include "secrets/sops_file.h"
#include "secrets/yaml_reader.h"

namespace polar::chart {
namespace {

namespace fs = std::filesystem;
using testing::ScratchFolder;

constexpr const char* plaintext = "kind: Secret\nstringData:\n  token: s3cr3t-value\n";

// The age identities of the environment for one test: `key` (or none), and
// no user key file.
class IdentityEnvironment {
public:
  IdentityEnvironment(const fs::path& home, const std::optional<std::string>& key) {
    ::setenv("XDG_CONFIG_HOME", (home / "no-config").c_str(), 1);
    ::unsetenv("SOPS_AGE_KEY_FILE");
    if (key) {
      ::setenv("SOPS_AGE_KEY", key->c_str(), 1);
    } else {
      ::unsetenv("SOPS_AGE_KEY");
    }
  }
  ~IdentityEnvironment() { ::unsetenv("SOPS_AGE_KEY"); }
  IdentityEnvironment(const IdentityEnvironment&) = delete;
  IdentityEnvironment& operator=(const IdentityEnvironment&) = delete;
};

class ChartSecrets : public ::testing::Test {
protected:
  secrets::AgeIdentity identity = secrets::AgeIdentity::generate();
  SecretEncryption by_age{{}, {identity.recipient().to_string()}, std::nullopt, std::nullopt};
  ScratchFolder folder;

  std::vector<secrets::Node> decrypt(const std::string& text) {
    return secrets::decrypt_sops_file(secrets::read_sops_file(text, "test"), {identity});
  }
};

TEST_F(ChartSecrets, EncryptsForRecipientsAndKeepsAnUnchangedPreviousFile) {
  IdentityEnvironment environment(folder.path(), identity.to_string());
  EncryptedSecret first = encrypt_secret(plaintext, "db-secret.yaml", by_age, std::nullopt);
  EXPECT_TRUE(secrets::is_sops_file(first.text));
  EXPECT_EQ(first.text.find("s3cr3t-value"), std::string::npos);
  EXPECT_EQ(decrypt(first.text), secrets::read_yaml_documents(plaintext, "plain"));

  EncryptedSecret again = encrypt_secret(plaintext, "db-secret.yaml", by_age, first.text);
  EXPECT_EQ(again.text, first.text);
  EXPECT_EQ(again.replaced_because, "");

  EncryptedSecret changed =
      encrypt_secret("stringData:\n  token: other\n", "db-secret.yaml", by_age, first.text);
  EXPECT_NE(changed.text, first.text);
  EXPECT_EQ(changed.replaced_because, "the content changed");
}

TEST_F(ChartSecrets, AgeEncryptsKubernetesDataByDefault) {
  std::string text = encrypt_secret(plaintext, "db-secret.yaml", by_age, std::nullopt).text;
  EXPECT_NE(text.find("kind: Secret\n"), std::string::npos) << "kind stays readable";
  EXPECT_NE(text.find("encrypted_regex: \"^(data|stringData)$\""), std::string::npos);
  SecretEncryption everything = by_age;
  everything.encrypted_regex = "";
  text = encrypt_secret(plaintext, "db-secret.yaml", everything, std::nullopt).text;
  EXPECT_NE(text.find("kind: ENC[AES256_GCM,"), std::string::npos);
  EXPECT_EQ(decrypt(text), secrets::read_yaml_documents(plaintext, "plain"));
}

TEST_F(ChartSecrets, EncryptsAndKeepsAMultiDocumentSecret) {
  IdentityEnvironment environment(folder.path(), identity.to_string());
  std::string stream = std::string("---\nkind: Service\nspec:\n  port: 80\n---\n") + plaintext;
  EncryptedSecret first = encrypt_secret(stream, "agents.yaml", by_age, std::nullopt);
  EXPECT_EQ(first.text.find("s3cr3t-value"), std::string::npos);
  EXPECT_EQ(decrypt(first.text), secrets::read_yaml_documents(stream, "plain"));
  EXPECT_EQ(encrypt_secret(stream, "agents.yaml", by_age, first.text).text, first.text);
}

TEST_F(ChartSecrets, WithoutAnIdentityReencryptsAndSaysWhy) {
  IdentityEnvironment environment(folder.path(), std::nullopt);
  EncryptedSecret first = encrypt_secret(plaintext, "db-secret.yaml", by_age, std::nullopt);
  EncryptedSecret again = encrypt_secret(plaintext, "db-secret.yaml", by_age, first.text);
  EXPECT_NE(again.text, first.text);
  EXPECT_NE(again.replaced_because.find("no age identity"), std::string::npos);
}

TEST_F(ChartSecrets, TakesTheRecipientsFromTheSopsConfigRuleForTheFile) {
  folder.write(".sops.yaml", "creation_rules:\n  - path_regex: gitops/.*-secret\\.yaml$\n"
                             "    encrypted_regex: ^(data|stringData)$\n    age: " +
                                 identity.recipient().to_string() + "\n");
  SecretEncryption by_rule{{}, {}, folder.path() / "gitops" / "db-secret.yaml", std::nullopt};
  std::string text = encrypt_secret(plaintext, "db-secret.yaml", by_rule, std::nullopt).text;
  EXPECT_NE(text.find("kind: Secret"), std::string::npos); // outside encrypted_regex
  EXPECT_EQ(decrypt(text), secrets::read_yaml_documents(plaintext, "plain"));
  SecretEncryption unmatched{{}, {}, folder.path() / "elsewhere" / "db-secret.yaml", std::nullopt};
  EXPECT_THROW(encrypt_secret(plaintext, "db-secret.yaml", unmatched, std::nullopt),
               secrets::Error);
}

TEST_F(ChartSecrets, RefusesACommandWhoseOutputIsNotEncrypted) {
  SecretEncryption by_cat{{"cat"}, {}, std::nullopt, std::nullopt};
  try {
    encrypt_secret(plaintext, "db-secret.yaml", by_cat, std::nullopt);
    FAIL() << "cat's output was accepted";
  } catch (const secrets::Error& error) {
    EXPECT_NE(std::string(error.what()).find("not a sops-encrypted"), std::string::npos);
    EXPECT_EQ(std::string(error.what()).find("s3cr3t-value"), std::string::npos);
  }
}

TEST_F(ChartSecrets, KeepsThePreviousFileOfACommandWhenTheContentIsUnchanged) {
  IdentityEnvironment environment(folder.path(), identity.to_string());
  std::string previous = encrypt_secret(plaintext, "a", by_age, std::nullopt).text;
  // A stand-in for sops: a fresh encryption of the same plaintext each run.
  std::string fresh = encrypt_secret(plaintext, "a", by_age, std::nullopt).text;
  folder.write("fresh.yaml", fresh);
  SecretEncryption by_command{
      {"sh", "-c", "cat >/dev/null; cat \"$0\"", (folder.path() / "fresh.yaml").string()},
      {},
      std::nullopt,
      std::nullopt};
  EXPECT_EQ(encrypt_secret(plaintext, "a", by_command, previous).text, previous);
  EncryptedSecret changed =
      encrypt_secret("stringData:\n  token: new\n", "a", by_command, previous);
  EXPECT_EQ(changed.text, fresh);
  EXPECT_EQ(changed.replaced_because, "the content changed");
}

TEST_F(ChartSecrets, MatchesThePatternOnTheSourcePath) {
  SecretPolicy policy;
  EXPECT_TRUE(policy.is_secret("gitlab-agent/token-secret.dhall"));
  EXPECT_FALSE(policy.is_secret("templates/secrets.dhall"));
  policy.pattern = "secrets/**";
  EXPECT_TRUE(policy.is_secret("secrets/a/b.dhall"));
}

TEST_F(ChartSecrets, HelmignoreListsEncryptedFilesInTheChartAndEachSubchart) {
  IdentityEnvironment environment(folder.path(), std::nullopt);
  std::string encrypted = encrypt_secret(plaintext, "a", by_age, std::nullopt).text;
  folder.write("Chart.yaml", "name: top\n");
  folder.write("templates/top-secret.yaml", encrypted);
  folder.write("templates/plain.yaml", "sops: not a sops file\n");
  folder.write("charts/web/Chart.yaml", "name: web\n");
  folder.write("charts/web/templates/web-secret.yaml", encrypted);
  folder.write("charts/api/Chart.yaml", "name: api\n");
  write_helmignore(folder.path());
  std::string top = read_file(folder.path() / ".helmignore");
  EXPECT_NE(top.find("\ntemplates/top-secret.yaml\n"), std::string::npos);
  EXPECT_NE(top.find("\ncharts/web/templates/web-secret.yaml\n"), std::string::npos);
  EXPECT_EQ(top.find("plain.yaml"), std::string::npos);
  std::string web = read_file(folder.path() / "charts/web/.helmignore");
  EXPECT_NE(web.find("\ntemplates/web-secret.yaml\n"), std::string::npos);
  EXPECT_EQ(read_file(folder.path() / "charts/api/.helmignore"), helmignore_text({}));

  // A subchart's .helmignore goes with the subchart.
  write_written_files(folder.path(), list_files(folder.path()));
  remove_stale_outputs({"Chart.yaml", "charts/web/Chart.yaml"}, folder.path());
  EXPECT_TRUE(fs::exists(folder.path() / "charts/web/.helmignore"));
  EXPECT_FALSE(fs::exists(folder.path() / "charts/api"));
}

class SecretTrees : public ChartSecrets {
protected:
  void write_both(const std::string& committed_plaintext) {
    IdentityEnvironment environment(folder.path(), std::nullopt);
    folder.write("generated/db-secret.yaml",
                 encrypt_secret(plaintext, "a", by_age, std::nullopt).text);
    folder.write("committed/db-secret.yaml",
                 encrypt_secret(committed_plaintext, "a", by_age, std::nullopt).text);
    write_written_files(folder.path() / "committed", {"db-secret.yaml"});
  }
  TreeDifference compare() {
    return compare_trees(folder.path() / "generated", folder.path() / "committed", {});
  }
};

TEST_F(SecretTrees, EqualContentIsNoChangeWithAKeyAndUnverifiedWithout) {
  write_both(plaintext);
  {
    IdentityEnvironment environment(folder.path(), identity.to_string());
    EXPECT_TRUE(compare().empty());
    EXPECT_TRUE(compare().unverified.empty());
  }
  IdentityEnvironment environment(folder.path(), std::nullopt);
  TreeDifference blind = compare();
  EXPECT_TRUE(blind.empty());
  EXPECT_EQ(blind.unverified, std::vector<std::string>{"db-secret.yaml"});
}

TEST_F(SecretTrees, ChangedValuesAreSeenWithAKeyAndNeverShown) {
  write_both("kind: Secret\nstringData:\n  token: older-value\n");
  IdentityEnvironment environment(folder.path(), identity.to_string());
  TreeDifference difference = compare();
  EXPECT_EQ(difference.changed, std::vector<std::string>{"db-secret.yaml"});
  std::string report =
      describe_drift(folder.path() / "generated", folder.path() / "committed", difference);
  EXPECT_NE(report.find("the decrypted values differ"), std::string::npos);
  EXPECT_EQ(report.find("s3cr3t-value"), std::string::npos);
  EXPECT_EQ(report.find("older-value"), std::string::npos);
}

TEST_F(SecretTrees, ChangedStructureIsSeenWithoutAKey) {
  write_both("kind: Secret\nstringData:\n  token: s3cr3t-value\n  extra: 1\n");
  IdentityEnvironment environment(folder.path(), std::nullopt);
  TreeDifference difference = compare();
  EXPECT_EQ(difference.changed, std::vector<std::string>{"db-secret.yaml"});
  std::string report =
      describe_drift(folder.path() / "generated", folder.path() / "committed", difference);
  EXPECT_NE(report.find("-  extra: \"ENC[type:int]\""), std::string::npos) << report;
}

TEST_F(ChartSecrets, GenerateChartRefusesUnconfiguredSecretsBeforeWritingAnything) {
  folder.write("src/chart.dhall", R"({ apiVersion = "v2", name = "x", version = "1.0.0" })");
  folder.write("src/templates/db-secret.dhall",
               R"({ kind = "Secret", stringData = { token = "s3cr3t-value" } })");
  fs::path out = folder.path() / "out";
  ChartProgress quiet{[](const ChartFile&) {}, [](const std::string&) {}};
  ChartLayout layout = discover_layout(folder.path() / "src");
  EXPECT_THROW(generate_chart(layout, out, {}, SecretPolicy{}, quiet), ChartError);
  EXPECT_FALSE(fs::exists(out));

  SecretPolicy exclude;
  exclude.mode = SecretMode::exclude;
  generate_chart(layout, out, {}, exclude, quiet);
  EXPECT_FALSE(fs::exists(out / "templates/db-secret.yaml"));

  IdentityEnvironment environment(folder.path(), std::nullopt);
  SecretPolicy by_recipient;
  by_recipient.age_recipients = by_age.age_recipients;
  generate_chart(layout, out, {}, by_recipient, quiet);
  std::string written = read_file(out / "templates/db-secret.yaml");
  EXPECT_TRUE(secrets::is_sops_file(written));
  EXPECT_EQ(written.find("s3cr3t-value"), std::string::npos);
  EXPECT_NE(read_file(out / ".helmignore").find("templates/db-secret.yaml"), std::string::npos);
}

TEST(SecretPlaceholders, ReplaceOnlyUnsetVariablesTheResolverDoesNotNeed) {
  dhall::EnvironmentLookup environment =
      with_secret_placeholders([](const std::string& name) -> std::optional<std::string> {
        return name == "SET" ? std::optional<std::string>("value") : std::nullopt;
      });
  EXPECT_EQ(environment("SET"), "value");
  EXPECT_EQ(environment("NEO4J_PASSWORD"), std::string(secret_placeholder));
  EXPECT_EQ(environment("HOME"), std::nullopt);
  EXPECT_EQ(environment("XDG_CACHE_HOME"), std::nullopt);
}

TEST_F(ChartSecrets, PlaceholderModeKeepsACommittedCopyOfTheSameStructureOnly) {
  std::string committed = encrypt_secret(plaintext, "db-secret.yaml", by_age, std::nullopt).text;
  // The placeholder render: same keys, another value.
  std::string placeholder = "kind: Secret\nstringData:\n  token: '\"polar-helm-placeholder\"'\n";
  EXPECT_EQ(check_placeholder_secret(placeholder, "db-secret.yaml", by_age, committed), committed);
  auto failure = [&](std::string_view text, const SecretEncryption& encryption,
                     const std::optional<std::string>& previous) {
    try {
      check_placeholder_secret(text, "db-secret.yaml", encryption, previous);
    } catch (const secrets::Error& error) {
      EXPECT_EQ(std::string(error.what()).find("s3cr3t-value"), std::string::npos);
      return std::string(error.what());
    }
    return std::string("(accepted)");
  };
  // A key added in the sources: the masked diff names it.
  std::string added =
      failure("kind: Secret\nstringData:\n  token: x\n  user: y\n", by_age, committed);
  EXPECT_NE(added.find("+  user: \"ENC[type:str]\""), std::string::npos) << added;
  // Other recipients than the committed copy's.
  SecretEncryption other{
      {}, {secrets::AgeIdentity::generate().recipient().to_string()}, std::nullopt, std::nullopt};
  EXPECT_NE(failure(placeholder, other, committed).find("does not have the structure"),
            std::string::npos);
  EXPECT_NE(failure(placeholder, by_age, std::nullopt).find("no committed encrypted copy"),
            std::string::npos);
  // A command: the committed file's recipients and rule are taken as they are.
  SecretEncryption by_command{{"false"}, {}, std::nullopt, std::nullopt};
  EXPECT_EQ(check_placeholder_secret(placeholder, "db-secret.yaml", by_command, committed),
            committed);
}

} // namespace
} // namespace polar::chart
