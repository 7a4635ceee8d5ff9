#pragma once
// A small document algebra for pretty-printing, with the semantics of the
// Haskell `prettyprinter` library that `dhall format` is built on: text,
// hard line breaks, `flat_alt` (what to print when a group is flattened),
// `nest`, `align`, `group`, and the "smart" layout that picks, for each
// group, the flat version when it and the lines that depend on it fit.
// syntax/format.cpp states the Dhall layout in these terms.
#include <memory>
#include <string>
#include <string_view>

namespace polar::dhall::doc {

struct Node;

class Doc {
public:
  Doc(); // empty
  explicit Doc(std::shared_ptr<const Node> node) : node_(std::move(node)) {}
  const Node& node() const { return *node_; }
  const std::shared_ptr<const Node>& ptr() const { return node_; }
  bool empty() const;

  Doc& operator+=(const Doc& other);
  friend Doc operator+(const Doc& a, const Doc& b);

private:
  std::shared_ptr<const Node> node_;
};

// Text without newlines. `literal` text keeps trailing spaces (the layout
// removes them elsewhere, as `dhall format` does outside text literals).
Doc text(std::string_view text, bool literal = false);
Doc hardline();
// Text kept for the end of the line, before its line break: a trailing `--`
// comment. A group holding it is flat only if nothing else would follow it
// on that line.
Doc line_suffix(std::string_view text);
// `wide` where the document is laid out broken, `flat` inside a flattened group.
Doc flat_alt(const Doc& wide, const Doc& flat);
Doc nest(int indent, const Doc& doc);
// Lines inside `doc` start at the column where `doc` starts.
Doc align(const Doc& doc);
// `doc` on one line (its flat_alt alternatives taken) where it fits, else as is.
// A hard line break inside (outside a wide alternative) keeps it broken.
Doc group(const Doc& doc);
// `indent` spaces, with the lines of `doc` lined up after them.
Doc indent(int indent, const Doc& doc);

// Lays `doc` out for `width` columns (the layout of prettyprinter's
// layoutSmart with a ribbon of the full width) and removes trailing spaces
// outside literal text.
std::string render(const Doc& doc, int width = 80);

} // namespace polar::dhall::doc
