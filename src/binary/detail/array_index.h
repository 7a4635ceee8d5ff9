#pragma once
// Where every array inside one CBOR item ends, and a hash of its bytes, found
// in one linear pass. The decoder shares identical subtrees by their bytes
// (docs/binary.md, "Shared subtrees"); with this index it learns an array's
// bytes and their hash in O(1) instead of re-reading them at every level.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace polar::dhall::cbor {

class ArrayIndex {
public:
  struct Array {
    std::uint32_t start; // the offset of the array's head
    std::uint32_t size;  // the bytes of the whole array, nested items included
    std::uint64_t hash;  // a function of those bytes: equal bytes, equal hash
  };

  // Indexes the item at the start of `input` (trailing bytes are not read).
  // Nullopt when the item is malformed (decoding it reports how), when arrays
  // and maps nest more than `max_nesting` deep, or when the input exceeds
  // 4 GiB: the decoder then decodes without sharing.
  static std::optional<ArrayIndex> of_item(std::span<const std::uint8_t> input,
                                           std::size_t max_nesting);

  // The array whose head is at `offset`, or null. `cursor` keeps where the
  // last search ended: fastest when asked in increasing offsets, the order a
  // decoder reads in. Decoders of parts of one item share the index, each
  // with its cursor (start it at first_at_or_after).
  const Array* find(std::size_t offset, std::size_t& cursor) const;
  const Array* find(std::size_t offset) { return find(offset, next_); }
  std::size_t first_at_or_after(std::size_t offset) const;

  std::size_t size() const { return arrays_.size(); }

private:
  std::vector<Array> arrays_; // ordered by start
  std::size_t next_ = 0;      // the first array after the last one found
};

} // namespace polar::dhall::cbor
