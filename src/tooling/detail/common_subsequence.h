#pragma once
// A longest common subsequence of two sequences: which items of each side
// the diff shows as shared (list items, the characters of two texts).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace polar::dhall {

struct Shared {
  std::vector<bool> left, right;
};

// The common prefix and suffix are shared as they are; between them a
// table of lengths finds the longest common subsequence, unless it would
// have more than `max_cells` cells: then nothing between them is shared
// (the diff shows that part of each side whole, rather than take a
// quadratic amount of memory).
template <typename T>
Shared common_subsequence(const std::vector<T>& left, const std::vector<T>& right,
                          std::size_t max_cells = std::size_t{1} << 24) {
  Shared shared{std::vector<bool>(left.size()), std::vector<bool>(right.size())};
  std::size_t prefix = 0;
  while (prefix < left.size() && prefix < right.size() && left[prefix] == right[prefix]) {
    shared.left[prefix] = shared.right[prefix] = true;
    ++prefix;
  }
  std::size_t suffix = 0;
  while (suffix < left.size() - prefix && suffix < right.size() - prefix &&
         left[left.size() - 1 - suffix] == right[right.size() - 1 - suffix]) {
    shared.left[left.size() - 1 - suffix] = shared.right[right.size() - 1 - suffix] = true;
    ++suffix;
  }
  std::size_t n = left.size() - prefix - suffix, m = right.size() - prefix - suffix;
  if (n == 0 || m == 0 || (n + 1) * (m + 1) > max_cells) {
    return shared;
  }
  // length[i][j]: the longest common subsequence of the middles from i and j.
  std::vector<std::uint32_t> length((n + 1) * (m + 1), 0);
  auto at = [&](std::size_t i, std::size_t j) -> std::uint32_t& { return length[i * (m + 1) + j]; };
  for (std::size_t i = n; i-- > 0;) {
    for (std::size_t j = m; j-- > 0;) {
      at(i, j) = left[prefix + i] == right[prefix + j] ? at(i + 1, j + 1) + 1
                                                       : std::max(at(i + 1, j), at(i, j + 1));
    }
  }
  for (std::size_t i = 0, j = 0; i < n && j < m;) {
    if (left[prefix + i] == right[prefix + j]) {
      shared.left[prefix + i++] = shared.right[prefix + j++] = true;
    } else if (at(i + 1, j) >= at(i, j + 1)) {
      ++i;
    } else {
      ++j;
    }
  }
  return shared;
}

} // namespace polar::dhall
