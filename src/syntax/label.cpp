#include "syntax/detail/label.h"

#include <mutex>
#include <unordered_set>

namespace polar::dhall {
namespace {

// Hashing and equality that accept a string_view as well as a string, so
// that looking up a label that is already interned (the common case when
// decoding or parsing) allocates nothing.
struct TextHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const {
    return std::hash<std::string_view>{}(text);
  }
};

// Nodes of an unordered_set never move, so pointers to its strings stay valid.
struct InternTable {
  std::mutex mutex;
  std::unordered_set<std::string, TextHash, std::equal_to<>> strings;
};

const std::string* intern(std::string_view text) {
  static InternTable table;
  std::lock_guard lock(table.mutex);
  if (auto found = table.strings.find(text); found != table.strings.end()) {
    return &*found;
  }
  return &*table.strings.emplace(text).first;
}

} // namespace

Label::Label() {
  static const std::string* const empty = intern("");
  text_ = empty;
}

Label::Label(std::string_view text) : text_(intern(text)) {
}

} // namespace polar::dhall
