#pragma once
// Byte buffers, and the secret kind that wipes itself when it goes away.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace polar::secrets {

using Bytes = std::vector<std::uint8_t>;
using ByteView = std::span<const std::uint8_t>;

inline ByteView as_bytes(std::string_view text) {
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}
inline std::string as_text(ByteView bytes) {
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

// Key material: zeroed (in a way the optimizer keeps) on destruction.
class SecretBytes {
public:
  SecretBytes() = default;
  explicit SecretBytes(std::size_t size) : bytes_(size) {}
  explicit SecretBytes(ByteView bytes) : bytes_(bytes.begin(), bytes.end()) {}
  SecretBytes(const SecretBytes&) = default;
  SecretBytes(SecretBytes&&) noexcept = default;
  SecretBytes& operator=(const SecretBytes&) = default;
  SecretBytes& operator=(SecretBytes&&) noexcept = default;
  ~SecretBytes() { wipe(); }

  std::uint8_t* data() { return bytes_.data(); }
  const std::uint8_t* data() const { return bytes_.data(); }
  std::size_t size() const { return bytes_.size(); }
  ByteView view() const { return bytes_; }
  void resize(std::size_t size) { bytes_.resize(size); }

  friend bool operator==(const SecretBytes&, const SecretBytes&) = default;

private:
  void wipe();

  Bytes bytes_;
};

} // namespace polar::secrets
