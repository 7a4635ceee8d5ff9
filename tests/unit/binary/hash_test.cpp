// SHA-256 through OpenSSL and the semantic hash format.
#include <gtest/gtest.h>

#include <string_view>

#include "binary/hash.h"

namespace polar::dhall {
namespace {

std::span<const std::uint8_t> bytes_of(std::string_view text) {
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

TEST(Sha256, KnownVectors) {
  EXPECT_EQ(to_hex(sha256(bytes_of(""))),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(to_hex(sha256(bytes_of("abc"))),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(SemanticHash, HashesTheEncoding) {
  // `True` encodes to the single byte 0xf5, `42` to [15, 42].
  EXPECT_EQ(semantic_hash(*make_expr(BoolLit{true})),
            "sha256:27abdeddfe8503496adeb623466caa47da5f63abd2bc6fa19f6cfcb73ecfed70");
  EXPECT_EQ(semantic_hash(*make_expr(NaturalLit{42})),
            "sha256:c39cde2e11e3d5a57cccbc06f6599256ece67b3d16d1bc1df1d0cfa79d9be605");
}

} // namespace
} // namespace polar::dhall
