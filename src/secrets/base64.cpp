#include "secrets/base64.h"

#include <array>

namespace polar::secrets {
namespace {

constexpr std::string_view alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int digit_value(char c) {
  std::size_t position = alphabet.find(c);
  return position == std::string_view::npos ? -1 : static_cast<int>(position);
}

} // namespace

std::string base64_encode(ByteView bytes, Padding padding) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    std::uint32_t group = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    for (int shift = 18; shift >= 0; shift -= 6) {
      out += alphabet[(group >> shift) & 63];
    }
  }
  std::size_t rest = bytes.size() - i;
  if (rest > 0) {
    std::uint32_t group = bytes[i] << 16;
    if (rest == 2) {
      group |= bytes[i + 1] << 8;
    }
    out += alphabet[(group >> 18) & 63];
    out += alphabet[(group >> 12) & 63];
    if (rest == 2) {
      out += alphabet[(group >> 6) & 63];
    }
    if (padding == Padding::with) {
      out.append(3 - rest, '=');
    }
  }
  return out;
}

std::optional<Bytes> base64_decode(std::string_view text, Padding padding) {
  if (padding == Padding::with) {
    if (text.size() % 4 != 0) {
      return std::nullopt;
    }
    std::size_t pads = text.ends_with("==") ? 2 : text.ends_with('=') ? 1 : 0;
    text.remove_suffix(pads);
  }
  // One leftover digit cannot encode a byte.
  if (text.size() % 4 == 1) {
    return std::nullopt;
  }
  Bytes out;
  out.reserve(text.size() * 3 / 4);
  std::uint32_t accumulator = 0;
  int bits = 0;
  for (char c : text) {
    int value = digit_value(c);
    if (value < 0) {
      return std::nullopt;
    }
    accumulator = (accumulator << 6) | static_cast<std::uint32_t>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<std::uint8_t>(accumulator >> bits));
    }
  }
  // The bits left over must be zero in a canonical encoding.
  if ((accumulator & ((1u << bits) - 1)) != 0) {
    return std::nullopt;
  }
  return out;
}

} // namespace polar::secrets
