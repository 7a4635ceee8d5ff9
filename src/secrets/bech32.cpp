#include "secrets/detail/bech32.h"

#include <array>
#include <cstdint>
#include <vector>

#include "secrets/error.h"

namespace polar::secrets {
namespace {

constexpr std::string_view charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

std::uint32_t polymod(const std::vector<std::uint8_t>& values) {
  constexpr std::array<std::uint32_t, 5> generator = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa,
                                                      0x3d4233dd, 0x2a1462b3};
  std::uint32_t checksum = 1;
  for (std::uint8_t value : values) {
    std::uint32_t top = checksum >> 25;
    checksum = ((checksum & 0x1ffffff) << 5) ^ value;
    for (int i = 0; i < 5; ++i) {
      if ((top >> i) & 1) {
        checksum ^= generator[static_cast<std::size_t>(i)];
      }
    }
  }
  return checksum;
}

std::vector<std::uint8_t> expand_hrp(std::string_view hrp) {
  std::vector<std::uint8_t> out;
  for (char c : hrp) {
    out.push_back(static_cast<std::uint8_t>(static_cast<unsigned char>(c) >> 5));
  }
  out.push_back(0);
  for (char c : hrp) {
    out.push_back(static_cast<std::uint8_t>(static_cast<unsigned char>(c) & 31));
  }
  return out;
}

// Regroups bits from `from`-bit to `to`-bit groups; when decoding (no
// padding) the leftover bits must be fewer than `from` and zero.
std::vector<std::uint8_t> convert_bits(ByteView in, int from, int to, bool pad) {
  std::vector<std::uint8_t> out;
  std::uint32_t accumulator = 0;
  int bits = 0;
  const std::uint32_t mask = (1u << to) - 1;
  for (std::uint8_t value : in) {
    accumulator = (accumulator << from) | value;
    bits += from;
    while (bits >= to) {
      bits -= to;
      out.push_back(static_cast<std::uint8_t>((accumulator >> bits) & mask));
    }
  }
  if (pad) {
    if (bits > 0) {
      out.push_back(static_cast<std::uint8_t>((accumulator << (to - bits)) & mask));
    }
  } else if (bits >= from || ((accumulator << (to - bits)) & mask) != 0) {
    throw Error(ErrorKind::input, "Bech32 data has non-zero padding bits");
  }
  return out;
}

[[noreturn]] void fail(const std::string& what) {
  throw Error(ErrorKind::input, "invalid Bech32 string: " + what);
}

} // namespace

std::string bech32_encode(std::string_view hrp, ByteView data) {
  std::vector<std::uint8_t> groups = convert_bits(data, 8, 5, true);
  std::vector<std::uint8_t> values = expand_hrp(hrp);
  values.insert(values.end(), groups.begin(), groups.end());
  values.insert(values.end(), 6, 0);
  std::uint32_t checksum = polymod(values) ^ 1;
  std::string out(hrp);
  out += '1';
  for (std::uint8_t group : groups) {
    out += charset[group];
  }
  for (int i = 0; i < 6; ++i) {
    out += charset[(checksum >> (5 * (5 - i))) & 31];
  }
  return out;
}

Bech32 bech32_decode(std::string_view text) {
  bool lower = false;
  bool upper = false;
  for (char c : text) {
    if (c < 33 || c > 126) {
      fail("it contains a character outside printable ASCII");
    }
    lower = lower || (c >= 'a' && c <= 'z');
    upper = upper || (c >= 'A' && c <= 'Z');
  }
  if (lower && upper) {
    fail("it mixes upper and lower case");
  }
  std::size_t separator = text.rfind('1');
  if (separator == std::string_view::npos || separator == 0) {
    fail("expected a prefix and the separator '1'");
  }
  if (text.size() - separator - 1 < 6) {
    fail("too short for its checksum");
  }
  std::string hrp;
  for (char c : text.substr(0, separator)) {
    hrp += (c >= 'A' && c <= 'Z') ? static_cast<char>(c | 0x20) : c;
  }
  std::vector<std::uint8_t> values;
  for (char c : text.substr(separator + 1)) {
    char lower_c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c | 0x20) : c;
    std::size_t value = charset.find(lower_c);
    if (value == std::string_view::npos) {
      fail("a character outside the Bech32 alphabet");
    }
    values.push_back(static_cast<std::uint8_t>(value));
  }
  std::vector<std::uint8_t> checked = expand_hrp(hrp);
  checked.insert(checked.end(), values.begin(), values.end());
  if (polymod(checked) != 1) {
    fail("checksum mismatch (a typo, or a truncated key)");
  }
  values.resize(values.size() - 6);
  std::vector<std::uint8_t> data = convert_bits(values, 5, 8, false);
  Bech32 result{std::move(hrp), SecretBytes(data)};
  std::fill(data.begin(), data.end(), 0);
  return result;
}

} // namespace polar::secrets
