#include "secrets/detail/tree.h"

namespace polar::secrets {

const Node* find(const Mapping& mapping, const std::string& key) {
  for (const Entry& entry : mapping) {
    if (entry.key == key) {
      return &entry.value;
    }
  }
  return nullptr;
}

} // namespace polar::secrets
