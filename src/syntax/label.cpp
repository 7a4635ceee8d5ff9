#include "syntax/label.h"

#include <mutex>
#include <unordered_set>

namespace polar::dhall {
namespace {

// Nodes of an unordered_set never move, so pointers to its strings stay valid.
struct InternTable {
  std::mutex mutex;
  std::unordered_set<std::string> strings;
};

const std::string* intern(std::string_view text) {
  static InternTable table;
  std::lock_guard lock(table.mutex);
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
