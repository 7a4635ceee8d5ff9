#pragma once
// A table by node address that watches its nodes instead of keeping them
// alive. An entry whose node is gone is never found: its address may name a
// new node by now. The closed type literals of eval, the shared suspensions
// of an environment and the encoder's shared parts are such tables.
#include <cstddef>
#include <memory>
#include <unordered_map>
#include <utility>

#include "syntax/expr.h"

namespace polar::dhall {

template <typename T>
class NodeTable {
public:
  // The entry of `node`, or null when it has none or its node is gone.
  T* find(const Expr& node) {
    auto found = slots_.find(&node);
    return found == slots_.end() || found->second.node.expired() ? nullptr : &found->second.value;
  }
  // The entry of `node`, and whether it is new: made, as T{}, when it had
  // none or its node was gone. References stay valid as entries are added.
  std::pair<T&, bool> entry(const ExprPtr& node) {
    auto [found, added] = slots_.try_emplace(node.get());
    Slot& slot = found->second;
    bool fresh = added || slot.node.expired();
    if (fresh) {
      slot = Slot{node, T{}};
    }
    return {slot.value, fresh};
  }
  // Drops the entries whose nodes are gone.
  void erase_gone() {
    std::erase_if(slots_, [](const auto& slot) { return slot.second.node.expired(); });
  }
  std::size_t size() const { return slots_.size(); }

private:
  struct Slot {
    std::weak_ptr<const Expr> node;
    T value;
  };
  std::unordered_map<const Expr*, Slot> slots_;
};

} // namespace polar::dhall
