#include <gtest/gtest.h>

#include "secrets/age_keys.h"
#include "secrets/base64.h"
#include "secrets/detail/bech32.h"
#include "secrets/error.h"

namespace polar::secrets {
namespace {

TEST(Base64, EncodesRfc4648Vectors) {
  EXPECT_EQ(base64_encode(as_bytes("f"), Padding::with), "Zg==");
  EXPECT_EQ(base64_encode(as_bytes("fo"), Padding::with), "Zm8=");
  EXPECT_EQ(base64_encode(as_bytes("foobar"), Padding::with), "Zm9vYmFy");
  EXPECT_EQ(base64_encode(as_bytes("fooba"), Padding::without), "Zm9vYmE");
}

TEST(Base64, DecodesOnlyCanonicalText) {
  EXPECT_EQ(as_text(*base64_decode("Zm9vYmE=", Padding::with)), "fooba");
  EXPECT_EQ(as_text(*base64_decode("Zm9vYmE", Padding::without)), "fooba");
  EXPECT_FALSE(base64_decode("Zm9vYmE", Padding::with));     // padding missing
  EXPECT_FALSE(base64_decode("Zm9vYmE=", Padding::without)); // padding present
  EXPECT_FALSE(base64_decode("Zm9vYmF=", Padding::with));    // non-zero leftover bits
  EXPECT_FALSE(base64_decode("Zm9v!mE=", Padding::with));
  EXPECT_FALSE(base64_decode("Z", Padding::without));
}

TEST(Bech32, AcceptsBip173ValidStrings) {
  EXPECT_EQ(bech32_decode("A12UEL5L").hrp, "a");
  EXPECT_EQ(bech32_decode("a12uel5l").hrp, "a");
  Bech32 decoded = bech32_decode("abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw");
  EXPECT_EQ(decoded.hrp, "abcdef");
  EXPECT_EQ(bech32_encode("abcdef", decoded.data.view()),
            "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw");
}

TEST(Bech32, RejectsBip173InvalidStrings) {
  EXPECT_THROW(bech32_decode("A1G7SGD8"), Error);     // checksum from upper-case hrp... invalid
  EXPECT_THROW(bech32_decode("10a06t8"), Error);      // empty hrp
  EXPECT_THROW(bech32_decode("1qzzfhee"), Error);     // empty hrp
  EXPECT_THROW(bech32_decode("a12UEL5L"), Error);     // mixed case
  EXPECT_THROW(bech32_decode("pzry9x0s0muk"), Error); // no separator
  EXPECT_THROW(bech32_decode("x1b4n0q5v"), Error);    // invalid character b
  EXPECT_THROW(bech32_decode("abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxx"), Error); // checksum
}

// A key pair written by age-keygen (age 1.1.1), the independent implementation.
constexpr const char* keygen_identity =
    "AGE-SECRET-KEY-1YLQPZ69ELN950WM9RJXEUYLCQQVXQD6MCC2050RSV38XLT76EHRSZYSCFA";
constexpr const char* keygen_recipient =
    "age1afrakp33x2zxxrvj7a0auu3v4ft0jtna07pmrrk9ecpesn0zr3kqeedk0z";

TEST(AgeKeys, DerivesTheRecipientAgeKeygenPrinted) {
  AgeIdentity identity = AgeIdentity::parse(keygen_identity);
  EXPECT_EQ(identity.recipient().to_string(), keygen_recipient);
  EXPECT_EQ(identity.to_string(), keygen_identity);
  EXPECT_EQ(AgeRecipient::parse(keygen_recipient), identity.recipient());
}

TEST(AgeKeys, RejectsMalformedKeysWithoutEchoingSecrets) {
  EXPECT_THROW(
      AgeRecipient::parse("age1afrakp33x2zxxrvj7a0auu3v4ft0jtna07pmrrk9ecpesn0zr3kqeedk0q"),
      Error);                                                     // checksum
  EXPECT_THROW(AgeRecipient::parse("npub1abc"), Error);           // not age
  EXPECT_THROW(AgeRecipient::parse("age1qqqqqqqqqqqqqq"), Error); // wrong length
  std::string broken = keygen_identity;
  broken[20] = broken[20] == 'Q' ? 'P' : 'Q';
  try {
    AgeIdentity::parse(broken);
    FAIL() << "a corrupted identity was accepted";
  } catch (const Error& error) {
    EXPECT_EQ(std::string(error.what()).find(broken.substr(16, 20)), std::string::npos);
    EXPECT_NE(std::string(error.what()).find("checksum"), std::string::npos);
  }
  EXPECT_THROW(AgeIdentity::parse("age-secret-key-1ylqpz69eln950wm9rjxeuylcqqvxqd6mcc2050rsv38xlt76"
                                  "ehrszyscfa"),
               Error); // lower case
}

TEST(AgeKeys, ReadsKeyFilesWithComments) {
  std::string file = std::string("# created: now\n# public key: ") + keygen_recipient + "\n" +
                     keygen_identity + "\n\n";
  auto identities = parse_identities(file, "keys.txt");
  ASSERT_EQ(identities.size(), 1u);
  EXPECT_EQ(identities[0].recipient().to_string(), keygen_recipient);
  EXPECT_THROW(parse_identities("# nothing\n", "keys.txt"), Error);
  try {
    parse_identities("#\nAGE-SECRET-KEY-1XYZ\n", "keys.txt");
    FAIL();
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("keys.txt:2"), std::string::npos);
  }
}

} // namespace
} // namespace polar::secrets
