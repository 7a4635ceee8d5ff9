#pragma once
// The items of a list value: an immutable sequence whose storage can be
// shared with longer lists, so that building a list one item at a time
// costs amortized O(1) per item (docs/evaluation.md, "List values").
//
// A ListItems is a window [begin, end) on a storage that only ever grows at
// its two ends. Appending to a window that reaches the end of its storage
// (or prepending to one that reaches its start) writes the new items there
// and returns a wider window; the old window still sees exactly its own
// items. Only the first such extension of a given end happens in place: a
// second list built from the same window finds the end taken and copies.
// This is what makes `acc # [x]` in a fold, and the `[x] # xs` that
// List/build's `cons` performs, constant time.
//
// The storage owns only the items it was made with; the items added later
// are owned by the windows that see them (a chain of extensions, newest
// first), and the storage merely indexes them. An added item often refers to
// the list it extends (a closure or a suspended record field binds it): a
// storage that owned it would own itself, and never be released.
//
// Items are read by value (a ValuePtr copy): evaluating something while
// walking a list may grow its storage and move the items, so no reference
// into the storage is ever handed out.
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <vector>

namespace polar::dhall {

class Value;
using ValuePtr = std::shared_ptr<const Value>;

class ListItems {
public:
  class iterator;

  ListItems() = default;
  // Implicit, so that `VList{nullptr, std::move(items)}` works.
  ListItems(std::vector<ValuePtr> items); // NOLINT(google-explicit-constructor)

  std::size_t size() const { return static_cast<std::size_t>(end_ - begin_); }
  bool empty() const { return begin_ == end_; }
  ValuePtr operator[](std::size_t index) const;
  ValuePtr front() const { return (*this)[0]; }
  ValuePtr back() const { return (*this)[size() - 1]; }
  iterator begin() const;
  iterator end() const;
  std::vector<ValuePtr> to_vector() const;

  // The items of `left` followed by those of `right`. Extends the storage
  // of one side in place when it can (amortized O(1) per item added), else
  // copies both.
  static ListItems concat(const ListItems& left, const ListItems& right);

  // For Value's iterative destructor: moves out the items when this is the
  // last owner of the storage, so they can be released without recursion.
  void release_items(std::vector<ValuePtr>& out);

private:
  struct Storage;
  struct Extension;
  ListItems(std::shared_ptr<Storage> storage, std::shared_ptr<Extension> extensions,
            std::int64_t begin, std::int64_t end)
      : storage_(std::move(storage)), extensions_(std::move(extensions)), begin_(begin), end_(end) {
  }
  bool reaches_back() const;
  bool reaches_front() const;

  std::shared_ptr<Storage> storage_; // null when empty
  // The items this window sees beyond those the storage was made with.
  std::shared_ptr<Extension> extensions_;
  std::int64_t begin_ = 0; // positions in the storage's numbering
  std::int64_t end_ = 0;
};

// Reads items by position, returning them by value (see above).
class ListItems::iterator {
public:
  using iterator_category = std::input_iterator_tag;
  using value_type = ValuePtr;
  using difference_type = std::ptrdiff_t;
  using pointer = void;
  using reference = ValuePtr;

  iterator() = default;
  iterator(const ListItems* items, std::size_t index) : items_(items), index_(index) {}
  ValuePtr operator*() const { return (*items_)[index_]; }
  iterator& operator++() {
    ++index_;
    return *this;
  }
  iterator operator++(int) {
    iterator before = *this;
    ++index_;
    return before;
  }
  bool operator==(const iterator& other) const { return index_ == other.index_; }

private:
  const ListItems* items_ = nullptr;
  std::size_t index_ = 0;
};

inline ListItems::iterator ListItems::begin() const {
  return {this, 0};
}
inline ListItems::iterator ListItems::end() const {
  return {this, size()};
}

} // namespace polar::dhall
