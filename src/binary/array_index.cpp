#include "binary/detail/array_index.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <limits>

#include "binary/cbor.h"

namespace polar::dhall::cbor {
namespace {

constexpr std::uint64_t multiplier = 0xff51afd7ed558ccdULL;

// One multiply per step: this runs for every head and every 8 bytes of text
// of the input. Collisions only cost a byte comparison in the decoder.
std::uint64_t step(std::uint64_t hash, std::uint64_t value) {
  return (std::rotl(hash, 23) ^ value) * multiplier;
}

// MurmurHash3's finalizer, once per array: every bit affects every bit.
std::uint64_t finish(std::uint64_t x) {
  x ^= x >> 33;
  x *= multiplier;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

// A head's initial byte and argument as one word, nearly injectively.
std::uint64_t head_word(std::uint8_t initial, std::uint64_t argument) {
  return std::rotl(argument, 8) ^ initial;
}

// The bytes of a string, 8 at a time.
std::uint64_t hash_bytes(std::uint64_t hash, const std::uint8_t* bytes, std::size_t size) {
  for (; size >= 8; bytes += 8, size -= 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, bytes, 8);
    hash = step(hash, word);
  }
  if (size > 0) {
    std::uint64_t tail = 0;
    std::memcpy(&tail, bytes, size);
    hash = step(hash, tail);
  }
  return hash; // the length is in the head, hashed before
}

constexpr std::size_t not_an_array = std::numeric_limits<std::size_t>::max();

// An array or a map whose items are still being read.
struct Open {
  std::size_t array; // its entry in the index, or not_an_array for a map
  std::uint64_t pending;
  std::uint64_t hash;
};

constexpr std::uint8_t info_one_byte = 24;
constexpr std::uint8_t info_eight_bytes = 27;

} // namespace

// A scan of its own rather than cbor::Reader: it runs over every head of the
// input, so it is kept to a tight loop. It needs to be as strict as the
// Reader only about extents; what else is wrong, the decoder finds.
std::optional<ArrayIndex> ArrayIndex::of_item(std::span<const std::uint8_t> input,
                                              std::size_t max_nesting) {
  if (input.size() > std::numeric_limits<std::uint32_t>::max()) {
    return std::nullopt;
  }
  ArrayIndex index;
  // Encoded normal forms hold about one array per 20 bytes: growing the
  // vector from nothing would copy it a dozen times.
  index.arrays_.reserve(input.size() / 16);
  const std::uint8_t* const begin = input.data();
  const std::uint8_t* const end = begin + input.size();
  const std::uint8_t* at = begin;
  // The array or map being read lives in locals (the hot loop's state);
  // the ones around it wait on a stack. The bottom level stands for the
  // whole input, which holds one item.
  Open current{not_an_array, 1, 0};
  std::vector<Open> outer;
  while (!outer.empty() || current.pending > 0) {
    if (at == end) {
      return std::nullopt; // truncated
    }
    const auto start = static_cast<std::uint32_t>(at - begin);
    const std::uint8_t initial = *at++;
    const auto major = static_cast<Major>(initial >> 5);
    const std::uint8_t info = initial & 0x1f;
    std::uint64_t argument = info;
    if (info >= info_one_byte) {
      if (info > info_eight_bytes) {
        return std::nullopt; // indefinite or reserved
      }
      std::size_t byte_count = std::size_t{1} << (info - info_one_byte);
      if (static_cast<std::size_t>(end - at) < byte_count) {
        return std::nullopt;
      }
      argument = 0;
      for (std::size_t i = 0; i < byte_count; ++i) {
        argument = argument << 8 | *at++;
      }
    }
    --current.pending;
    const auto left = static_cast<std::uint64_t>(end - at);
    if (major == Major::array || major == Major::map) {
      std::uint64_t items_per_entry = major == Major::map ? 2 : 1;
      if (argument > left / items_per_entry || outer.size() >= max_nesting) {
        return std::nullopt;
      }
      std::size_t array = not_an_array;
      if (major == Major::array) {
        array = index.arrays_.size();
        index.arrays_.push_back(Array{start, 0, 0});
      }
      outer.push_back(current);
      current = Open{array, argument * items_per_entry, step(0, head_word(initial, argument))};
    } else {
      current.hash = step(current.hash, head_word(initial, argument));
      if (major == Major::byte_string || major == Major::text_string) {
        if (argument > left) {
          return std::nullopt;
        }
        current.hash = hash_bytes(current.hash, at, static_cast<std::size_t>(argument));
        at += argument;
      } else if (major == Major::tag) {
        ++current.pending; // the tagged item follows as one more item
      }
    }
    // Close what this item completed, innermost first.
    while (current.pending == 0 && !outer.empty()) {
      std::uint64_t done_hash = finish(current.hash);
      if (current.array != not_an_array) {
        Array& entry = index.arrays_[current.array];
        entry.size = static_cast<std::uint32_t>(at - begin) - entry.start;
        entry.hash = done_hash;
      }
      current = outer.back();
      outer.pop_back();
      current.hash = step(current.hash, done_hash);
    }
  }
  return index;
}

const ArrayIndex::Array* ArrayIndex::find(std::size_t offset, std::size_t& cursor) const {
  if (cursor > 0 && arrays_[cursor - 1].start >= offset) {
    // Asked out of order: search from the beginning.
    cursor = first_at_or_after(offset);
  }
  // Reading in order passes every array once in all, skipped ones included.
  while (cursor < arrays_.size() && arrays_[cursor].start < offset) {
    ++cursor;
  }
  if (cursor < arrays_.size() && arrays_[cursor].start == offset) {
    return &arrays_[cursor++];
  }
  return nullptr;
}

std::size_t ArrayIndex::first_at_or_after(std::size_t offset) const {
  return static_cast<std::size_t>(std::ranges::lower_bound(arrays_, offset, {}, &Array::start) -
                                  arrays_.begin());
}

} // namespace polar::dhall::cbor
