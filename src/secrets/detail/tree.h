#pragma once
// YAML documents as sops sees them: mappings (keys in file order), sequences
// and typed scalars. A scalar keeps the text sops hashes into its MAC and
// encrypts: decimal integers, floats as Go's strconv.FormatFloat(v, 'f', -1)
// writes them, `True`/`False`, and strings as they are.
#include <string>
#include <variant>
#include <vector>

namespace polar::secrets {

enum class ScalarType { null, boolean, integer, floating, string };

struct Scalar {
  ScalarType type = ScalarType::null;
  std::string text; // canonical text as above; empty for null

  friend bool operator==(const Scalar&, const Scalar&) = default;
};

struct Node;
struct Entry;
using Sequence = std::vector<Node>;
using Mapping = std::vector<Entry>;

struct Node {
  std::variant<Scalar, Sequence, Mapping> value;

  static Node string(std::string text); // defined below, where Entry is complete

  template <typename T>
  const T* as() const {
    return std::get_if<T>(&value);
  }
  template <typename T>
  T* as() {
    return std::get_if<T>(&value);
  }

  friend bool operator==(const Node&, const Node&) = default;
};

struct Entry {
  std::string key;
  Node value;

  friend bool operator==(const Entry&, const Entry&) = default;
};

inline Node Node::string(std::string text) {
  return {Scalar{ScalarType::string, std::move(text)}};
}

// The entry named `key` in `mapping`, or null.
const Node* find(const Mapping& mapping, const std::string& key);

} // namespace polar::secrets
