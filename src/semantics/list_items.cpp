#include "semantics/list_items.h"

#include <algorithm>
#include <utility>

#include "semantics/value.h"

namespace polar::dhall {

// Positions are numbered so that they never change: the slot of position p
// is slots[p + offset], and prepending lowers `front` (and moves the slots
// to a larger vector, raising `offset`, when there is no room left).
struct ListItems::Storage {
  std::vector<ValuePtr> slots; // slots before front + offset are unused
  std::int64_t offset = 0;
  std::int64_t front = 0; // the positions in use are [front, back)
  std::int64_t back = 0;

  ValuePtr& at(std::int64_t position) { return slots[static_cast<std::size_t>(position + offset)]; }

  // Makes room for `count` more items before `front`.
  void reserve_front(std::size_t count) {
    auto room = static_cast<std::size_t>(front + offset);
    if (room >= count) {
      return;
    }
    auto used = static_cast<std::size_t>(back - front);
    // Doubling keeps a run of prepends amortized O(1) per item.
    std::size_t new_room = std::max(count, used) + 4;
    std::vector<ValuePtr> grown(new_room + used);
    std::move(slots.begin() + static_cast<std::ptrdiff_t>(room), slots.end(),
              grown.begin() + static_cast<std::ptrdiff_t>(new_room));
    slots = std::move(grown);
    offset = static_cast<std::int64_t>(new_room) - front;
  }
};

ListItems::ListItems(std::vector<ValuePtr> items) {
  if (items.empty()) {
    return;
  }
  auto count = static_cast<std::int64_t>(items.size());
  storage_ = std::make_shared<Storage>(Storage{std::move(items), 0, 0, count});
  end_ = count;
}

ValuePtr ListItems::operator[](std::size_t index) const {
  return storage_->at(begin_ + static_cast<std::int64_t>(index));
}

std::vector<ValuePtr> ListItems::to_vector() const {
  std::vector<ValuePtr> items;
  items.reserve(size());
  for (std::size_t index = 0; index < size(); ++index) {
    items.push_back((*this)[index]);
  }
  return items;
}

bool ListItems::reaches_back() const {
  return storage_->back == end_;
}

bool ListItems::reaches_front() const {
  return storage_->front == begin_;
}

ListItems ListItems::concat(const ListItems& left, const ListItems& right) {
  if (left.empty()) {
    return right;
  }
  if (right.empty()) {
    return left;
  }
  // Copying from a storage into itself could move the items being copied.
  bool separate = left.storage_ != right.storage_;
  bool can_append = separate && left.reaches_back();
  bool can_prepend = separate && right.reaches_front();
  if (can_append && (!can_prepend || right.size() <= left.size())) {
    Storage& storage = *left.storage_;
    for (std::size_t index = 0; index < right.size(); ++index) {
      storage.slots.push_back(right[index]);
      ++storage.back; // kept in step, should a later push_back throw
    }
    return {left.storage_, left.begin_, storage.back};
  }
  if (can_prepend) {
    Storage& storage = *right.storage_;
    storage.reserve_front(left.size());
    for (std::size_t index = left.size(); index-- > 0;) {
      storage.at(--storage.front) = left[index];
    }
    return {right.storage_, storage.front, right.end_};
  }
  std::vector<ValuePtr> items = left.to_vector();
  items.reserve(left.size() + right.size());
  for (std::size_t index = 0; index < right.size(); ++index) {
    items.push_back(right[index]);
  }
  return ListItems(std::move(items));
}

void ListItems::release_items(std::vector<ValuePtr>& out) {
  if (!storage_ || storage_.use_count() != 1) {
    return;
  }
  for (auto& slot : storage_->slots) {
    if (slot && slot.use_count() == 1) {
      out.push_back(std::move(slot));
    }
  }
}

} // namespace polar::dhall
