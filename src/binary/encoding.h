#pragma once
// An encoding held the way its expression is: a normal form that shares a
// part at a thousand places encodes to a thousand copies of its bytes, but
// is held as the part's bytes once, spliced in at each place. Its bytes are
// streamed (into SHA-256, into a file) without ever being laid out whole
// (docs/binary.md, "Encodings stream").
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace polar::dhall {

// Where bytes stream to, a piece at a time and in order.
class ByteSink {
public:
  virtual ~ByteSink() = default;
  virtual void write(std::span<const std::uint8_t> bytes) = 0;
};

class Encoding {
public:
  // Another encoding occurring at `offset` of this one's own bytes.
  struct Part {
    std::size_t offset;
    std::shared_ptr<const Encoding> encoding;
  };

  Encoding() = default;
  explicit Encoding(std::vector<std::uint8_t> bytes);
  // The parts in order of their offsets, each at most own.size().
  Encoding(std::vector<std::uint8_t> own, std::vector<Part> parts);
  Encoding(const Encoding&) = delete;
  Encoding& operator=(const Encoding&) = delete;
  // Releases the parts it alone holds in a loop, not recursively.
  ~Encoding();

  // How many bytes it stands for: its own and those of every occurrence
  // of its parts.
  std::size_t size() const { return size_; }
  // Its bytes in order, each part written wherever it occurs. Iterative:
  // a deep nesting of parts costs no stack.
  void write_to(ByteSink& sink) const;
  // Its bytes laid out whole: for encodings known to be small.
  std::vector<std::uint8_t> bytes() const;

private:
  std::vector<std::uint8_t> own_;
  // Mutable for the destructor only, which empties the parts it releases.
  mutable std::vector<Part> parts_;
  std::size_t size_ = 0;
};

using EncodingPtr = std::shared_ptr<const Encoding>;

// Collects what it is written into one vector.
class VectorSink final : public ByteSink {
public:
  explicit VectorSink(std::size_t expected_size = 0) { bytes_.reserve(expected_size); }
  void write(std::span<const std::uint8_t> bytes) override {
    bytes_.insert(bytes_.end(), bytes.begin(), bytes.end());
  }
  std::vector<std::uint8_t> take() && { return std::move(bytes_); }

private:
  std::vector<std::uint8_t> bytes_;
};

} // namespace polar::dhall
