#pragma once
// Which absent values are left out of the output: dhall-to-json's default,
// --preserve-null and --omit-empty.
#include <string>
#include <string_view>
#include <vector>

#include "render/detail/json_events.h"
#include "render/json.h"

namespace polar::render {

enum class Omission {
  null_fields, // default: object fields that are null are left out
  none,        // --preserve-null: nothing is left out
  empty,       // --omit-empty: also empty objects and arrays; see OmissionFilter
};

// Applies an Omission to a stream of events on its way to `next`, at every
// depth. With --omit-empty, as dhall-to-json: nulls are dropped from objects
// and arrays alike, and an object or array left empty becomes null itself
// (so it is dropped from its parent in turn, and an empty document is
// `null`).
//
// It looks ahead without holding the document: a key, and the beginnings of
// collections not yet known to keep anything, wait until a value that stays
// arrives (then they are sent) or their collection ends empty (then they
// are dropped). What waits is one key and one beginning per level at most.
class OmissionFilter final : public JsonEvents {
public:
  OmissionFilter(Omission omission, JsonEvents& next) : omission_(omission), next_(next) {}

  void null() override;
  void boolean(bool value) override;
  void number(const JsonNumber& value) override;
  void string(std::string_view value) override;
  void begin_array() override;
  void end_array() override;
  void begin_object() override;
  void key(std::string_view key) override;
  void end_object() override;

private:
  // An event held back: a key, or the beginning of an array or object.
  struct Held {
    enum class Kind { key, array, object } kind;
    std::string key;
  };

  // A value that stays arrives: what was held is sent first.
  void release();
  // A value that is left out arrives (null, or an emptied collection): its
  // key goes with it; in an array it is dropped; a document is `null`.
  void drop_value();
  void end_collection(Held::Kind kind);

  Omission omission_;
  JsonEvents& next_;
  std::vector<Held> held_;
  // How many collections are open, and how many of those were sent on.
  std::size_t depth_ = 0;
};

// Applies `omission` to `value`, at every depth.
Json apply_omission(Json value, Omission omission);

} // namespace polar::render
