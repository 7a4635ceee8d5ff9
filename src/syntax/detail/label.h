#pragma once
// Interned labels: every distinct field or variable name is stored once for
// the life of the process, so a label is one pointer, equality is a pointer
// comparison and copying never allocates.
#include <compare>
#include <functional>
#include <string>
#include <string_view>

namespace polar::dhall {

class Label {
public:
  // The empty label "" (a valid quoted Dhall label).
  Label();
  explicit Label(std::string_view text);

  const std::string& str() const { return *text_; }
  std::string_view view() const { return *text_; }

  friend bool operator==(Label a, Label b) { return a.text_ == b.text_; }
  // Ordered by Unicode code point, which for UTF-8 is byte order: the order
  // the standard sorts record fields and union alternatives in.
  friend std::strong_ordering operator<=>(Label a, Label b) {
    if (a.text_ == b.text_) {
      return std::strong_ordering::equal;
    }
    return a.text_->compare(*b.text_) <=> 0;
  }

  std::size_t hash() const { return std::hash<const void*>{}(text_); }

private:
  const std::string* text_;
};

} // namespace polar::dhall

template <>
struct std::hash<polar::dhall::Label> {
  std::size_t operator()(polar::dhall::Label label) const { return label.hash(); }
};
