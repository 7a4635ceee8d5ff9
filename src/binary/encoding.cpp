#include "binary/encoding.h"

#include <utility>

namespace polar::dhall {

Encoding::Encoding(std::vector<std::uint8_t> bytes) : own_(std::move(bytes)), size_(own_.size()) {
}

Encoding::Encoding(std::vector<std::uint8_t> own, std::vector<Part> parts)
    : own_(std::move(own)), parts_(std::move(parts)), size_(own_.size()) {
  for (const Part& part : parts_) {
    size_ += part.encoding->size();
  }
}

Encoding::~Encoding() {
  std::vector<EncodingPtr> released;
  auto release_parts = [&](const Encoding& encoding) {
    for (Part& part : encoding.parts_) {
      if (part.encoding.use_count() == 1) {
        released.push_back(std::move(part.encoding));
      }
    }
  };
  release_parts(*this);
  while (!released.empty()) {
    EncodingPtr last = std::move(released.back());
    released.pop_back();
    release_parts(*last); // its parts go before it does, here
  }
}

void Encoding::write_to(ByteSink& sink) const {
  // Each level: the encoding, the next part to write and how far its own
  // bytes are written.
  struct Level {
    const Encoding* encoding;
    std::size_t next_part;
    std::size_t written;
  };
  std::vector<Level> levels{{this, 0, 0}};
  while (!levels.empty()) {
    Level& level = levels.back();
    const Encoding& encoding = *level.encoding;
    std::span<const std::uint8_t> own(encoding.own_);
    if (level.next_part == encoding.parts_.size()) {
      if (level.written < own.size()) {
        sink.write(own.subspan(level.written));
      }
      levels.pop_back();
      continue;
    }
    const Part& part = encoding.parts_[level.next_part++];
    if (part.offset > level.written) {
      sink.write(own.subspan(level.written, part.offset - level.written));
      level.written = part.offset;
    }
    levels.push_back({part.encoding.get(), 0, 0}); // `level` is not used after this
  }
}

std::vector<std::uint8_t> Encoding::bytes() const {
  if (parts_.empty()) {
    return own_;
  }
  VectorSink sink(size_);
  write_to(sink);
  return std::move(sink).take();
}

} // namespace polar::dhall
