#pragma once
// Immutable bytes that many readers share without copying: a vector the
// handle owns, or a file mapped into memory (support/file_io.h). Lazy
// decoding keeps a handle in every deferred field (docs/binary.md).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <utility>
#include <vector>

namespace polar::dhall {

class SharedBytes {
public:
  SharedBytes() = default;
  explicit SharedBytes(std::vector<std::uint8_t> bytes);
  // `bytes` must stay valid as long as `owner` lives.
  SharedBytes(std::shared_ptr<const void> owner, std::span<const std::uint8_t> bytes)
      : owner_(std::move(owner)), bytes_(bytes) {}

  std::span<const std::uint8_t> span() const { return bytes_; }
  // What keeps the bytes alive, for holders that do not know this class.
  const std::shared_ptr<const void>& owner() const { return owner_; }
  std::size_t size() const { return bytes_.size(); }

  // The bytes from `offset` on (`count` of them, or all), sharing the owner.
  SharedBytes subrange(std::size_t offset, std::size_t count = std::dynamic_extent) const {
    return {owner_, bytes_.subspan(offset, count)};
  }

private:
  std::shared_ptr<const void> owner_;
  std::span<const std::uint8_t> bytes_;
};

inline SharedBytes::SharedBytes(std::vector<std::uint8_t> bytes) {
  auto owner = std::make_shared<const std::vector<std::uint8_t>>(std::move(bytes));
  bytes_ = std::span(*owner);
  owner_ = std::move(owner);
}

} // namespace polar::dhall
