#include <gtest/gtest.h>

#include "secrets/stable_output.h"
#include "secrets/yaml_reader.h"
#include "tampering.h"

namespace polar::secrets {
namespace {

class StableOutputTest : public ::testing::Test {
protected:
  AgeIdentity identity = AgeIdentity::generate();
  EncryptOptions options{{identity.recipient()}, {}, {}};
  std::vector<Node> document{
      read_yaml_document("stringData:\n  token: one\n  port: 1\n", "a.yaml")};
  std::string previous = encrypt_sops_file(document, options);
};

TEST_F(StableOutputTest, KeepsThePreviousFileWhenTheContentIsUnchanged) {
  StableResult result = encrypt_stable(document, options, previous, {identity});
  EXPECT_TRUE(result.kept_previous);
  EXPECT_EQ(result.text, previous);
}

TEST_F(StableOutputTest, ReencryptsChangedContent) {
  for (const char* text :
       {"stringData:\n  token: two\n  port: 1\n", "stringData:\n  token: one\n  port: '1'\n",
        "stringData:\n  port: 1\n  token: one\n"}) {
    std::vector<Node> changed{read_yaml_document(text, "b.yaml")};
    StableResult result = encrypt_stable(changed, options, previous, {identity});
    EXPECT_FALSE(result.kept_previous) << text;
    EXPECT_EQ(result.reason, "the content changed");
    EXPECT_EQ(decrypt_sops_file(read_sops_file(result.text, "r"), {identity}), changed);
  }
}

TEST_F(StableOutputTest, ReencryptsForNewRecipientsOrWithoutAnIdentity) {
  EncryptOptions more = options;
  more.recipients.push_back(AgeIdentity::generate().recipient());
  EXPECT_EQ(encrypt_stable(document, more, previous, {identity}).reason, "the recipients changed");
  StableResult blind = encrypt_stable(document, options, previous, {});
  EXPECT_FALSE(blind.kept_previous);
  EXPECT_NE(blind.reason.find("no age identity"), std::string::npos);
  std::string tampered =
      testing::with_character_changed(previous, previous.find("port: ENC[AES256_GCM,data:") + 26);
  ASSERT_NE(tampered, previous);
  EXPECT_FALSE(encrypt_stable(document, options, tampered, {identity}).kept_previous);
}

// The tamper above once wrote `A`, which the ciphertext held already one run
// in 64.
TEST(Tampering, AlwaysChangesTheCharacter) {
  for (const char* text : {"data:A=", "data:B=", "data:z="}) {
    EXPECT_NE(testing::with_character_changed(text, 5), text);
    EXPECT_EQ(testing::with_character_changed(text, 5).size(), 7U);
  }
}

TEST_F(StableOutputTest, MaskedStructureIgnoresCiphertextsButNotStructure) {
  std::string again = encrypt_sops_file(document, options);
  ASSERT_NE(again, previous);
  EXPECT_EQ(masked_structure(again, "a"), masked_structure(previous, "b"));
  EXPECT_EQ(
      masked_structure(previous, "b"),
      "stringData:\n  token: \"ENC[type:str]\"\n  port: \"ENC[type:int]\"\nsops:\n  age:\n    - " +
          identity.recipient().to_string() + "\n  unencrypted_suffix: \"_unencrypted\"\n");
  Node other = read_yaml_document("stringData:\n  token: one\n  host: 1\n", "c.yaml");
  EXPECT_NE(masked_structure(encrypt_sops_file({other}, options), "c"),
            masked_structure(previous, "b"));
}

TEST_F(StableOutputTest, KeepsAnUnchangedStreamAndMasksEachDocument) {
  std::vector<Node> stream = read_yaml_documents(
      "kind: ConfigMap\ndata:\n  a: x\n---\nkind: Secret\nstringData:\n  token: one\n", "s");
  std::string first = encrypt_sops_file(stream, options);
  StableResult same = encrypt_stable(stream, options, first, {identity});
  EXPECT_TRUE(same.kept_previous) << same.reason;
  EXPECT_EQ(same.text, first);
  std::vector<Node> changed = stream;
  std::get<Mapping>(changed[0].value)[0].value = Node::string("Other");
  StableResult replaced = encrypt_stable(changed, options, first, {identity});
  EXPECT_FALSE(replaced.kept_previous);
  EXPECT_EQ(replaced.reason, "the content changed");
  // Without a key: the masks of two encryptions agree, document by document.
  std::string masked = masked_structure(first, "s");
  EXPECT_EQ(masked, masked_structure(encrypt_sops_file(stream, options), "t"));
  EXPECT_NE(masked.find("\n---\nkind: \"ENC[type:str]\"\nstringData:"), std::string::npos)
      << masked;
  EXPECT_NE(masked, masked_structure(encrypt_sops_file({stream[1]}, options), "u"));
}

} // namespace
} // namespace polar::secrets
