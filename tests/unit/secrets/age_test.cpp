#include <gtest/gtest.h>

#include "secrets/detail/age.h"
#include "secrets/error.h"

namespace polar::secrets {
namespace {

ErrorKind kind_of(const std::function<void()>& run) {
  try {
    run();
  } catch (const Error& error) {
    return error.kind();
  }
  ADD_FAILURE() << "no error";
  return ErrorKind::crypto;
}

TEST(Age, RoundTripsToEachOfSeveralRecipients) {
  AgeIdentity alice = AgeIdentity::generate();
  AgeIdentity bob = AgeIdentity::generate();
  std::string payload = "a 32-byte data key, more or less";
  Bytes file = age_encrypt(as_bytes(payload), {alice.recipient(), bob.recipient()});
  EXPECT_EQ(as_text(age_decrypt(file, {alice}).view()), payload);
  EXPECT_EQ(as_text(age_decrypt(file, {bob}).view()), payload);
  std::string text = as_text(file);
  EXPECT_TRUE(text.starts_with("age-encryption.org/v1\n-> X25519 "));
}

TEST(Age, RoundTripsEmptyAndMultiChunkPayloads) {
  AgeIdentity identity = AgeIdentity::generate();
  EXPECT_EQ(age_decrypt(age_encrypt({}, {identity.recipient()}), {identity}).size(), 0u);
  Bytes large(150 * 1024);
  for (std::size_t i = 0; i < large.size(); ++i) {
    large[i] = static_cast<std::uint8_t>(i * 7);
  }
  SecretBytes back = age_decrypt(age_encrypt(large, {identity.recipient()}), {identity});
  EXPECT_TRUE(std::equal(large.begin(), large.end(), back.data()));
  Bytes exact(64 * 1024); // exactly one full chunk, which is the last
  EXPECT_EQ(age_decrypt(age_encrypt(exact, {identity.recipient()}), {identity}).size(),
            exact.size());
}

TEST(Age, ReportsAnIdentityThatIsNotARecipient) {
  AgeIdentity alice = AgeIdentity::generate();
  Bytes file = age_encrypt(as_bytes("x"), {alice.recipient()});
  EXPECT_EQ(kind_of([&] { age_decrypt(file, {AgeIdentity::generate()}); }), ErrorKind::no_identity);
}

TEST(Age, DetectsTamperingWithHeaderAndPayload) {
  AgeIdentity identity = AgeIdentity::generate();
  Bytes file = age_encrypt(as_bytes("secret"), {identity.recipient()});
  Bytes payload_flipped = file;
  payload_flipped.back() ^= 1;
  EXPECT_EQ(kind_of([&] { age_decrypt(payload_flipped, {identity}); }), ErrorKind::integrity);

  // A second stanza added to the header breaks the header MAC.
  std::string text = as_text(file);
  std::size_t mac = text.find("\n---") + 1;
  std::string extra = text.substr(0, mac) + "-> other-type arg\nAAAA\n" + text.substr(mac);
  EXPECT_EQ(kind_of([&] { age_decrypt(as_bytes(extra), {identity}); }), ErrorKind::integrity);

  Bytes truncated(file.begin(), file.begin() + static_cast<std::ptrdiff_t>(mac + 10));
  EXPECT_EQ(kind_of([&] { age_decrypt(truncated, {identity}); }), ErrorKind::input);
  EXPECT_EQ(kind_of([&] { age_decrypt(as_bytes("age-encryption.org/v2\n"), {identity}); }),
            ErrorKind::input);
}

TEST(Age, ArmorRoundTripsAndIsStrict) {
  AgeIdentity identity = AgeIdentity::generate();
  Bytes file = age_encrypt(as_bytes("data key"), {identity.recipient()});
  std::string armored = age_armor(file);
  EXPECT_TRUE(armored.starts_with("-----BEGIN AGE ENCRYPTED FILE-----\n"));
  EXPECT_TRUE(armored.ends_with("\n-----END AGE ENCRYPTED FILE-----\n"));
  EXPECT_EQ(age_dearmor(armored), file);
  EXPECT_EQ(age_dearmor("\n  " + armored + "\n"), file);

  std::string long_line = armored;
  long_line.erase(long_line.find('\n', 40), 1); // joins the first two base64 lines
  EXPECT_THROW(age_dearmor(long_line), Error);
  EXPECT_THROW(age_dearmor("-----BEGIN AGE ENCRYPTED FILE-----\nZm9v\n"), Error);
}

} // namespace
} // namespace polar::secrets
