#include "semantics/detail/list_items.h"

#include <utility>

#include "semantics/value.h"

namespace polar::dhall {

// Positions are numbered so that they never change: 0 to n - 1 are the
// items the storage was made with, which it owns; the items added at the
// back take n, n + 1, ... and those added at the front -1, -2, ... The
// storage only points at those: the extensions that hold them are owned by
// the windows that see them (list_items.h).
struct ListItems::Storage {
  std::vector<ValuePtr> first;
  std::vector<const ValuePtr*> appended;  // position n + k at [k]
  std::vector<const ValuePtr*> prepended; // position -1 - k at [k]

  std::int64_t front() const { return -static_cast<std::int64_t>(prepended.size()); }
  std::int64_t back() const { return static_cast<std::int64_t>(first.size() + appended.size()); }
  const ValuePtr& at(std::int64_t position) const {
    if (position < 0) {
      return *prepended[static_cast<std::size_t>(-position - 1)];
    }
    auto index = static_cast<std::size_t>(position);
    return index < first.size() ? first[index] : *appended[index - first.size()];
  }
};

// Items added to a window, in order, and what the window extended had added
// before: a window's chain holds every item it sees beyond the storage's own.
// The items never move (the storage points at them) and an extension only
// ever refers to older ones, so no cycle can go through it.
struct ListItems::Extension {
  std::vector<ValuePtr> items;
  std::shared_ptr<Extension> older;

  // Unlinks the rest of a chain no one else holds in a loop: a list built one
  // item at a time is a chain as long as the list.
  ~Extension() {
    auto rest = std::move(older);
    while (rest && rest.use_count() == 1) {
      rest = std::move(rest->older); // the old `rest` dies without its tail
    }
  }
};

ListItems::ListItems(std::vector<ValuePtr> items) {
  if (items.empty()) {
    return;
  }
  auto count = static_cast<std::int64_t>(items.size());
  storage_ = std::make_shared<Storage>(Storage{std::move(items), {}, {}});
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
  return storage_->back() == end_;
}

bool ListItems::reaches_front() const {
  return storage_->front() == begin_;
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
    auto added = std::make_shared<Extension>(Extension{right.to_vector(), left.extensions_});
    Storage& storage = *left.storage_;
    for (const ValuePtr& item : added->items) {
      storage.appended.push_back(&item);
    }
    return {left.storage_, std::move(added), left.begin_, storage.back()};
  }
  if (can_prepend) {
    auto added = std::make_shared<Extension>(Extension{left.to_vector(), right.extensions_});
    Storage& storage = *right.storage_;
    for (auto item = added->items.rbegin(); item != added->items.rend(); ++item) {
      storage.prepended.push_back(&*item);
    }
    return {right.storage_, std::move(added), storage.front(), right.end_};
  }
  std::vector<ValuePtr> items = left.to_vector();
  items.reserve(left.size() + right.size());
  for (std::size_t index = 0; index < right.size(); ++index) {
    items.push_back(right[index]);
  }
  return ListItems(std::move(items));
}

void ListItems::release_items(std::vector<ValuePtr>& out) {
  auto release = [&](std::vector<ValuePtr>& items) {
    for (auto& item : items) {
      if (item && item.use_count() == 1) {
        out.push_back(std::move(item));
      }
    }
  };
  if (storage_ && storage_.use_count() == 1) {
    release(storage_->first);
  }
  for (auto extension = std::move(extensions_); extension && extension.use_count() == 1;
       extension = std::move(extension->older)) {
    release(extension->items);
  }
}

} // namespace polar::dhall
