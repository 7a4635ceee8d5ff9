#include <gtest/gtest.h>

#include <functional>

#include "secrets/detail/sops_value.h"
#include "secrets/error.h"
#include "secrets/sops_file.h"
#include "secrets/yaml_reader.h"
#include "tampering.h"

namespace polar::secrets {
namespace {

constexpr std::string_view plaintext = R"(apiVersion: v1
kind: Secret
metadata:
  name: gitlab-agent
stringData:
  token: glagent-s3cr3t
  port: 8080
  ratio: 0.25
  enabled: true
  empty: ''
  nothing: null
  list:
    - first
    - second: nested
note_unencrypted: visible
)";

class SopsFileTest : public ::testing::Test {
protected:
  AgeIdentity identity = AgeIdentity::generate();
  std::vector<Node> documents{read_yaml_document(plaintext, "plain.yaml")};

  std::string encrypt(EncryptionScope scope = {}) {
    return encrypt_sops_file(
        documents,
        EncryptOptions{{identity.recipient()}, std::move(scope), "2026-01-02T03:04:05Z"});
  }
  std::vector<Node> decrypt(std::string_view text) {
    return decrypt_sops_file(read_sops_file(text, "enc.yaml"), {identity});
  }
  ErrorKind failure(std::string_view text) {
    try {
      decrypt(text);
    } catch (const Error& error) {
      return error.kind();
    }
    ADD_FAILURE() << "decrypted";
    return ErrorKind::crypto;
  }
};

TEST_F(SopsFileTest, RoundTripsEveryType) {
  std::string encrypted = encrypt();
  EXPECT_EQ(decrypt(encrypted), documents);
  EXPECT_EQ(encrypted.find("glagent-s3cr3t"), std::string::npos);
  EXPECT_NE(encrypted.find("kind: ENC[AES256_GCM,data:"), std::string::npos);
  EXPECT_NE(encrypted.find(",type:int]"), std::string::npos);
  EXPECT_NE(encrypted.find(",type:float]"), std::string::npos);
  EXPECT_NE(encrypted.find(",type:bool]"), std::string::npos);
  EXPECT_NE(encrypted.find("    empty: ''\n"), std::string::npos);
  EXPECT_NE(encrypted.find("    nothing: null\n"), std::string::npos);
  EXPECT_NE(encrypted.find("note_unencrypted: visible\n"), std::string::npos);
}

TEST_F(SopsFileTest, WritesTheMetadataBlockAsSops) {
  std::string encrypted = encrypt();
  std::string expected_start =
      "sops:\n    age:\n        - recipient: " + identity.recipient().to_string() +
      "\n          enc: |\n            -----BEGIN AGE ENCRYPTED FILE-----\n";
  EXPECT_NE(encrypted.find(expected_start), std::string::npos) << encrypted;
  EXPECT_NE(encrypted.find("    lastmodified: \"2026-01-02T03:04:05Z\"\n    mac: "
                           "ENC[AES256_GCM,data:"),
            std::string::npos)
      << encrypted;
  EXPECT_TRUE(encrypted.ends_with(",type:str]\n    unencrypted_suffix: \"_unencrypted\"\n"
                                  "    version: '3.9.4'\n"))
      << encrypted;
  SopsFile file = read_sops_file(encrypted, "enc.yaml");
  EXPECT_EQ(file.metadata.age.size(), 1u);
  EXPECT_EQ(file.metadata.lastmodified, "2026-01-02T03:04:05Z");
}

TEST_F(SopsFileTest, ValuesAreBoundToTheirPath) {
  std::string encrypted = encrypt();
  // Swap the ciphertexts of two strings: each tag covers its own path.
  std::size_t kind = encrypted.find("kind: ") + 6;
  std::size_t kind_end = encrypted.find('\n', kind);
  std::size_t version = encrypted.find("apiVersion: ") + 12;
  std::size_t version_end = encrypted.find('\n', version);
  std::string kind_value = encrypted.substr(kind, kind_end - kind);
  std::string version_value = encrypted.substr(version, version_end - version);
  std::string swapped = encrypted;
  swapped.replace(kind, kind_value.size(), version_value);
  swapped.replace(version, version_value.size(), kind_value);
  EXPECT_EQ(failure(swapped), ErrorKind::integrity);
}

TEST_F(SopsFileTest, TheMacCoversEveryValue) {
  std::string encrypted = encrypt();
  // Removing a value (or changing a plaintext one) keeps every tag valid
  // but not the MAC.
  std::string removed = encrypted;
  std::size_t start = removed.find("    port: ");
  removed.erase(start, removed.find('\n', start) - start + 1);
  EXPECT_EQ(failure(removed), ErrorKind::integrity);
  std::string changed = encrypted;
  changed.replace(changed.find("visible"), 7, "changed");
  EXPECT_EQ(failure(changed), ErrorKind::integrity);
  std::string later = encrypted;
  later.replace(later.find("2026-01-02"), 10, "2026-01-03");
  EXPECT_EQ(failure(later), ErrorKind::integrity);
}

TEST_F(SopsFileTest, DetectsFlippedCiphertext) {
  std::string encrypted = encrypt();
  std::string flipped = testing::with_character_changed(
      encrypted, encrypted.find("token: ENC[AES256_GCM,data:") + 27);
  EXPECT_EQ(failure(flipped), ErrorKind::integrity);
}

TEST_F(SopsFileTest, RejectsPlaintextWhereCiphertextBelongs) {
  std::string encrypted = encrypt();
  std::size_t start = encrypted.find("kind: ") + 6;
  encrypted.replace(start, encrypted.find('\n', start) - start, "Secret");
  try {
    decrypt(encrypted);
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::input);
    EXPECT_NE(std::string(error.what()).find("kind"), std::string::npos);
    EXPECT_EQ(std::string(error.what()).find("Secret"), std::string::npos);
  }
}

TEST_F(SopsFileTest, NeedsAnIdentityThatIsARecipient) {
  std::string encrypted = encrypt();
  SopsFile file = read_sops_file(encrypted, "enc.yaml");
  try {
    decrypt_sops_file(file, {AgeIdentity::generate()});
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::no_identity);
  }
}

TEST_F(SopsFileTest, EncryptedRegexLimitsWhatIsEncrypted) {
  std::string encrypted = encrypt(EncryptionScope{.encrypted_regex = "^(data|stringData)$"});
  EXPECT_NE(encrypted.find("kind: Secret\n"), std::string::npos);
  EXPECT_NE(encrypted.find("    token: ENC[AES256_GCM"), std::string::npos);
  EXPECT_NE(encrypted.find("    encrypted_regex: \"^(data|stringData)$\"\n"), std::string::npos)
      << encrypted;
  EXPECT_EQ(decrypt(encrypted), documents);
}

TEST_F(SopsFileTest, RefusesAlreadyEncryptedInputAndMissingRecipients) {
  Node encrypted = read_yaml_document(encrypt(), "enc.yaml");
  EXPECT_THROW(encrypt_sops_file({encrypted}, EncryptOptions{{identity.recipient()}, {}, {}}),
               Error);
  EXPECT_THROW(encrypt_sops_file(documents, EncryptOptions{}), Error);
  EXPECT_THROW(read_sops_file("a: 1\n", "plain.yaml"), Error);
}

TEST(SopsValue, MatchesTheFormatSopsReads) {
  SecretBytes key(32);
  std::string value = encrypt_sops_value({ScalarType::integer, "42"}, key.view(), "a:b:");
  EXPECT_TRUE(is_sops_value(value));
  // sops uses 32-byte IVs: 44 base64 characters.
  std::size_t iv = value.find(",iv:") + 4;
  EXPECT_EQ(value.find(",tag:") - iv, 44u);
  EXPECT_EQ(decrypt_sops_value(value, key.view(), "a:b:"), (Scalar{ScalarType::integer, "42"}));
  EXPECT_THROW(decrypt_sops_value(value, key.view(), "a:c:"), Error);
  EXPECT_THROW(decrypt_sops_value("ENC[AES256_GCM,data:AA==]", key.view(), ""), Error);
  EXPECT_EQ(encrypt_sops_value({ScalarType::string, ""}, key.view(), "a:"), "");
}

// A YAML stream, as sops encrypts one: one data key and MAC for the file, the
// same metadata after each document, paths starting afresh in each.
class SopsStreamTest : public SopsFileTest {
protected:
  static constexpr std::string_view stream = R"(---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  mode: fast
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: agent
spec:
  replicas: 2
---
apiVersion: v1
kind: Secret
metadata:
  name: agent-token
stringData:
  token: glagent-s3cr3t
)";
  std::vector<Node> parts = read_yaml_documents(stream, "stream.yaml");

  std::string encrypt_stream() {
    return encrypt_sops_file(parts, EncryptOptions{{identity.recipient()},
                                                   age_encryption_scope(std::nullopt),
                                                   "2026-01-02T03:04:05Z"});
  }
};

TEST_F(SopsStreamTest, ReadsEveryDocument) {
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_THROW(read_yaml_document(stream, "stream.yaml"), Error);
  EXPECT_THROW(read_yaml_documents("a: 1\n---\n- b\n", "list.yaml"), Error);
  EXPECT_THROW(read_yaml_documents("", "empty.yaml"), Error);
}

TEST_F(SopsStreamTest, EncryptsAStreamAsOneFile) {
  std::string encrypted = encrypt_stream();
  EXPECT_EQ(encrypted.find("glagent-s3cr3t"), std::string::npos);
  // Three documents, each with the same metadata block at its end.
  std::vector<Node> written = read_yaml_documents(encrypted, "enc.yaml");
  ASSERT_EQ(written.size(), 3u);
  const Node* metadata = find(std::get<Mapping>(written[0].value), "sops");
  ASSERT_NE(metadata, nullptr);
  for (const Node& document : written) {
    const Mapping& mapping = std::get<Mapping>(document.value);
    EXPECT_EQ(mapping.back().key, "sops");
    EXPECT_EQ(mapping.back().value, *metadata);
  }
  EXPECT_FALSE(encrypted.starts_with("---")) << "go-yaml writes no leading ---";
  // By default only data/stringData are encrypted: the ConfigMap's data too,
  // since sops's encrypted_regex matches keys, not kinds.
  EXPECT_NE(encrypted.find("kind: Secret\n"), std::string::npos);
  EXPECT_NE(encrypted.find("    replicas: 2\n"), std::string::npos);
  EXPECT_NE(encrypted.find("    mode: ENC[AES256_GCM,"), std::string::npos);
  EXPECT_NE(encrypted.find("    token: ENC[AES256_GCM,"), std::string::npos);
  EXPECT_EQ(decrypt(encrypted), parts);
}

TEST_F(SopsStreamTest, OneMacCoversEveryDocument) {
  std::string encrypted = encrypt_stream();
  // A plaintext value of the second document changed, or a document dropped
  // with its metadata: every tag holds, the MAC does not.
  std::string changed = encrypted;
  changed.replace(changed.find("replicas: 2"), 11, "replicas: 3");
  EXPECT_EQ(failure(changed), ErrorKind::integrity);
  std::string dropped = encrypted.substr(0, encrypted.rfind("\n---\n") + 1);
  ASSERT_EQ(read_yaml_documents(dropped, "dropped").size(), 2u);
  EXPECT_EQ(failure(dropped), ErrorKind::integrity);
}

TEST_F(SopsStreamTest, RefusesDocumentsEncryptedOneByOne) {
  std::string first = encrypt_sops_file({parts[0]}, EncryptOptions{{identity.recipient()}, {}, {}});
  std::string second =
      encrypt_sops_file({parts[2]}, EncryptOptions{{identity.recipient()}, {}, {}});
  try {
    read_sops_file(first + "---\n" + second, "joined.yaml");
    FAIL();
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("document 2 has other sops metadata"),
              std::string::npos)
        << error.what();
  }
}

TEST_F(SopsStreamTest, ErrorsNameTheDocument) {
  std::string encrypted = encrypt_stream();
  std::size_t start = encrypted.find("token: ") + 7;
  encrypted.replace(start, encrypted.find('\n', start) - start, "plain");
  try {
    decrypt(encrypted);
    FAIL();
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("document 3: the value at stringData.token"),
              std::string::npos)
        << error.what();
  }
}

TEST(AgeEncryptionScope, DefaultsToKubernetesData) {
  EXPECT_EQ(age_encryption_scope(std::nullopt).encrypted_regex, "^(data|stringData)$");
  EXPECT_EQ(age_encryption_scope("^password$").encrypted_regex, "^password$");
  EXPECT_EQ(age_encryption_scope("").encrypted_regex, std::nullopt);
  EXPECT_EQ(age_encryption_scope("").unencrypted_suffix, "_unencrypted");
}

} // namespace
} // namespace polar::secrets
