#include "syntax/detail/doc.h"

#include <deque>
#include <optional>
#include <vector>

namespace polar::dhall::doc {

enum class Kind : unsigned char { empty, text, line, flat_alt, cat, nest, align, choice, suffix };

struct Node {
  Kind kind = Kind::empty;
  bool flat = true; // contains no line, flat_alt or choice: flattening changes nothing
  std::string text;
  int width = 0;        // text: columns (code points)
  bool literal = false; // text: trailing spaces are kept
  int indent = 0;       // nest
  // flat_alt: wide, flat; cat; nest/align: a; choice: flattened a,
  // original b. Mutable only so that ~Node can take them apart.
  mutable std::shared_ptr<const Node> a, b;

  Node() = default;
  Node(const Node&) = default;
  Node& operator=(const Node&) = default;
  // Iteratively: a document can be a chain of 100,000 nodes.
  ~Node();
};

Node::~Node() {
  std::vector<std::shared_ptr<const Node>> unowned;
  auto release = [&](std::shared_ptr<const Node>& child) {
    if (child && child.use_count() == 1) {
      unowned.push_back(std::move(child));
    }
  };
  release(a);
  release(b);
  while (!unowned.empty()) {
    std::shared_ptr<const Node> node = std::move(unowned.back());
    unowned.pop_back();
    release(node->a);
    release(node->b);
  } // each node is destroyed here with no child left to recurse into
}

namespace {

using NodePtr = std::shared_ptr<const Node>;

const NodePtr& empty_node() {
  static const NodePtr node = std::make_shared<const Node>();
  return node;
}

Doc make(Node node) {
  return Doc(std::make_shared<const Node>(std::move(node)));
}

int columns(std::string_view text) {
  int width = 0;
  for (char c : text) {
    width += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  }
  return width;
}

// The flattened document, or nothing when it holds a hard line break. A
// post-order walk over an explicit stack: a let block of 100,000 bindings
// is a `cat` chain as deep as it is long.
std::optional<NodePtr> flatten(const NodePtr& root) {
  struct Frame {
    const NodePtr* node;
    bool children_done;
  };
  std::vector<Frame> stack{{&root, false}};
  std::vector<NodePtr> results;
  while (!stack.empty()) {
    Frame frame = stack.back();
    const Node& node = **frame.node;
    if (!frame.children_done) {
      if (node.flat) {
        results.push_back(*frame.node);
        stack.pop_back();
        continue;
      }
      switch (node.kind) {
      case Kind::line:
        return std::nullopt;
      case Kind::choice:
        results.push_back(node.a);
        stack.pop_back();
        continue;
      case Kind::flat_alt:
        stack.back().children_done = true;
        stack.push_back({&node.b, false});
        continue;
      case Kind::cat:
        stack.back().children_done = true;
        stack.push_back({&node.b, false}); // popped second: `a` is flattened first
        stack.push_back({&node.a, false});
        continue;
      case Kind::nest:
      case Kind::align:
        stack.back().children_done = true;
        stack.push_back({&node.a, false});
        continue;
      default:
        results.push_back(*frame.node);
        stack.pop_back();
        continue;
      }
    }
    stack.pop_back();
    if (node.kind == Kind::cat) {
      NodePtr b = std::move(results.back());
      results.pop_back();
      NodePtr a = std::move(results.back());
      results.back() = (Doc(a) + Doc(b)).ptr();
    } else if (node.kind == Kind::nest || node.kind == Kind::align) {
      Node copy = node;
      copy.a = std::move(results.back());
      copy.flat = copy.a->flat;
      results.back() = make(std::move(copy)).ptr();
    } // flat_alt: the flattened `b` is the result
  }
  return std::move(results.back());
}

// The layout: prettyprinter's layoutWadlerLeijen with layoutSmart's
// fitting predicate, over a persistent list of (indentation, document).
struct Pipe {
  int indent;
  const Node* node;
  const Pipe* next;
};

struct Token {
  bool line = false;
  int indent = 0; // line
  const Node* text = nullptr;
};

bool is_blank(const Node& text) {
  return text.text.find_first_not_of(' ') == std::string::npos;
}

class Layout {
public:
  explicit Layout(int width) : width_(width) {}

  std::vector<Token> run(const Node& root) {
    std::vector<Token> tokens;
    std::vector<const Node*> suffixes; // waiting for the end of the line
    const Pipe* pipe = cons(0, &root, nullptr);
    int column = 0;
    while (pipe != nullptr) {
      int i = pipe->indent;
      const Node& node = *pipe->node;
      const Pipe* rest = pipe->next;
      switch (node.kind) {
      case Kind::empty:
        pipe = rest;
        break;
      case Kind::suffix:
        suffixes.push_back(&node);
        pipe = rest;
        break;
      case Kind::text:
        tokens.push_back({false, 0, &node});
        column += node.width;
        pipe = rest;
        break;
      case Kind::line:
        for (const Node* suffix : suffixes) {
          tokens.push_back({false, 0, suffix});
        }
        suffixes.clear();
        tokens.push_back({true, i, nullptr});
        column = i;
        pipe = rest;
        break;
      default:
        pipe = expand(*pipe, column);
        break;
      }
    }
    for (const Node* suffix : suffixes) {
      tokens.push_back({false, 0, suffix});
    }
    return tokens;
  }

private:
  const Pipe* cons(int indent, const Node* node, const Pipe* next) {
    return &arena_.emplace_back(Pipe{indent, node, next});
  }

  // One step into a structural node (flat_alt, cat, nest, align, choice)
  // met at `column`: the pipe with its parts in its place. The layout and
  // its fitting predicate walk documents the same way.
  const Pipe* expand(const Pipe& pipe, int column) {
    const Node& node = *pipe.node;
    int i = pipe.indent;
    switch (node.kind) {
    case Kind::flat_alt:
      return cons(i, node.a.get(), pipe.next);
    case Kind::cat:
      return cons(i, node.a.get(), cons(i, node.b.get(), pipe.next));
    case Kind::nest:
      return cons(i + node.indent, node.a.get(), pipe.next);
    case Kind::align:
      return cons(column, node.a.get(), pipe.next);
    case Kind::choice:
      return cons(i, choose(column, i, node, pipe.next), pipe.next);
    default: // a leaf: its walker handles it
      return pipe.next;
    }
  }

  // selectNicer: the flat alternative when the rest of the document fits
  // after it.
  const Node* choose(int column, int i, const Node& choice, const Pipe* rest) {
    std::optional<int> starts_line = initial_indentation(cons(i, choice.b.get(), rest));
    int min_nesting = starts_line ? std::min(*starts_line, column) : column;
    if (fits(cons(i, choice.a.get(), rest), column, min_nesting, width_ - column)) {
      return choice.a.get();
    }
    return choice.b.get();
  }

  // Whether the broken alternative starts with a line break, and at what
  // indentation.
  std::optional<int> initial_indentation(const Pipe* pipe) {
    while (pipe != nullptr) {
      const Node& node = *pipe->node;
      int i = pipe->indent;
      const Pipe* rest = pipe->next;
      switch (node.kind) {
      case Kind::empty:
      case Kind::suffix:
        pipe = rest;
        break;
      case Kind::text:
        return std::nullopt;
      case Kind::line:
        return i;
      case Kind::align:
        return std::nullopt; // an aligned document does not start a line here
      case Kind::choice:
        pipe = cons(i, node.a.get(), rest);
        break;
      default:
        pipe = expand(*pipe, 0); // flat_alt, cat, nest: no column needed
        break;
      }
    }
    return std::nullopt;
  }

  // layoutSmart's predicate: the first line must fit in `available`
  // columns, and so must each following line indented deeper than
  // `min_nesting`; a line at or left of it (or a blank one) ends the check.
  bool fits(const Pipe* pipe, int column, int min_nesting, int available) {
    int pending_line = -1;       // the indentation of a line break not yet followed by text
    bool suffix_waiting = false; // a line suffix, so no more text on this line
    while (available >= 0) {
      if (pipe == nullptr) {
        return true;
      }
      const Node& node = *pipe->node;
      int i = pipe->indent;
      const Pipe* rest = pipe->next;
      switch (node.kind) {
      case Kind::empty:
        pipe = rest;
        break;
      case Kind::suffix:
        suffix_waiting = pending_line < 0;
        pipe = rest;
        break;
      case Kind::text:
        if (suffix_waiting && pending_line < 0 && !is_blank(node)) {
          return false;
        }
        if (pending_line >= 0) {
          if (min_nesting >= pending_line) {
            return true;
          }
          available = width_ - pending_line;
          pending_line = -1;
        }
        available -= node.width;
        column += node.width;
        pipe = rest;
        break;
      case Kind::line:
        suffix_waiting = false;
        if (pending_line >= 0) {
          return true; // a blank line
        }
        pending_line = i;
        column = i;
        pipe = rest;
        break;
      default:
        pipe = expand(*pipe, column);
        break;
      }
    }
    return false;
  }

  int width_;
  std::deque<Pipe> arena_;
};

// Writes the tokens, dropping spaces before a line break or the end except
// inside literal text (prettyprinter's removeTrailingWhitespace).
std::string write(const std::vector<Token>& tokens) {
  std::string out;
  std::size_t pending_spaces = 0;
  for (const Token& token : tokens) {
    if (token.line) {
      out += '\n';
      pending_spaces = static_cast<std::size_t>(token.indent);
      continue;
    }
    const std::string& text = token.text->text;
    if (token.text->literal) {
      out.append(pending_spaces, ' ');
      pending_spaces = 0;
      out += text;
      continue;
    }
    std::size_t end = text.find_last_not_of(' ');
    if (end == std::string::npos) {
      pending_spaces += text.size();
      continue;
    }
    out.append(pending_spaces, ' ');
    out.append(text, 0, end + 1);
    pending_spaces = text.size() - end - 1;
  }
  return out;
}

} // namespace

Doc::Doc() : node_(empty_node()) {
}

bool Doc::empty() const {
  return node_->kind == Kind::empty;
}

Doc operator+(const Doc& a, const Doc& b) {
  if (a.empty()) {
    return b;
  }
  if (b.empty()) {
    return a;
  }
  Node node;
  node.kind = Kind::cat;
  node.flat = a.node().flat && b.node().flat;
  node.a = a.ptr();
  node.b = b.ptr();
  return make(std::move(node));
}

Doc& Doc::operator+=(const Doc& other) {
  *this = *this + other;
  return *this;
}

Doc text(std::string_view text, bool literal) {
  if (text.empty()) {
    return Doc();
  }
  Node node;
  node.kind = Kind::text;
  node.text = std::string(text);
  node.width = columns(text);
  node.literal = literal;
  return make(std::move(node));
}

Doc hardline() {
  static const Doc line = [] {
    Node node;
    node.kind = Kind::line;
    node.flat = false;
    return make(std::move(node));
  }();
  return line;
}

Doc line_suffix(std::string_view text) {
  Node node;
  node.kind = Kind::suffix;
  node.text = std::string(text);
  node.width = columns(text);
  return make(std::move(node));
}

Doc flat_alt(const Doc& wide, const Doc& flat) {
  Node node;
  node.kind = Kind::flat_alt;
  node.flat = false;
  node.a = wide.ptr();
  node.b = flat.ptr();
  return make(std::move(node));
}

Doc nest(int indent, const Doc& doc) {
  if (doc.empty()) {
    return doc;
  }
  Node node;
  node.kind = Kind::nest;
  node.flat = doc.node().flat;
  node.indent = indent;
  node.a = doc.ptr();
  return make(std::move(node));
}

Doc align(const Doc& doc) {
  if (doc.empty()) {
    return doc;
  }
  Node node;
  node.kind = Kind::align;
  node.flat = doc.node().flat;
  node.a = doc.ptr();
  return make(std::move(node));
}

Doc group(const Doc& doc) {
  if (doc.node().flat || doc.node().kind == Kind::choice) {
    return doc;
  }
  auto flat = flatten(doc.ptr());
  if (!flat) {
    return doc; // never flat: it holds a hard line break
  }
  Node node;
  node.kind = Kind::choice;
  node.flat = false;
  node.a = *flat;
  node.b = doc.ptr();
  return make(std::move(node));
}

Doc indent(int indent, const Doc& doc) {
  return align(nest(indent, text(std::string(static_cast<std::size_t>(indent), ' ')) + doc));
}

std::string render(const Doc& doc, int width) {
  Layout layout(width);
  return write(layout.run(doc.node()));
}

} // namespace polar::dhall::doc
