#pragma once
// Where a value sits in the output document, for error messages:
// `spec.template.containers[0].image`, `metadata.labels["app.kubernetes.io/name"]`.
#include <cstddef>
#include <string>
#include <variant>
#include <vector>

namespace polar::render {

class JsonPath {
public:
  void push_key(std::string key) { steps_.emplace_back(std::move(key)); }
  void push_index(std::size_t index) { steps_.emplace_back(index); }
  void pop() { steps_.pop_back(); }
  std::size_t size() const { return steps_.size(); }

  // Keys that are identifiers are joined with dots, others are written as
  // quoted subscripts; the root is "(top level)".
  std::string to_string() const;

private:
  std::vector<std::variant<std::string, std::size_t>> steps_;
};

} // namespace polar::render
