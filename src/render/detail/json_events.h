#pragma once
// JSON data as a stream of events, so that a document can be converted,
// filtered and written one value at a time, never held whole (see
// docs/rendering.md, "Streaming").
#include <string_view>

#include "render/json.h"

namespace polar::render {

// Receives a JSON value as its parts, in document order: a scalar, or a
// begin, the elements (each object member a key, then its value), an end.
// Object keys come in code point order, each at most once.
class JsonEvents {
public:
  virtual ~JsonEvents() = default;

  virtual void null() = 0;
  virtual void boolean(bool value) = 0;
  virtual void number(const JsonNumber& value) = 0;
  virtual void string(std::string_view value) = 0;
  virtual void begin_array() = 0;
  virtual void end_array() = 0;
  virtual void begin_object() = 0;
  virtual void key(std::string_view key) = 0;
  virtual void end_object() = 0;
};

// Sends `value` to `events`.
void emit_json(const Json& value, JsonEvents& events);

// Builds the JSON data the events describe, for callers that want it whole.
class JsonBuilder final : public JsonEvents {
public:
  void null() override;
  void boolean(bool value) override;
  void number(const JsonNumber& value) override;
  void string(std::string_view value) override;
  void begin_array() override;
  void end_array() override;
  void begin_object() override;
  void key(std::string_view key) override;
  void end_object() override;

  // The value, once the events of one whole value have been received.
  Json take() { return std::move(result_); }

private:
  void add(Json value);

  // The collections being built, innermost last, with the key of an open
  // object's pending member.
  struct Open {
    Json collection;
    std::string pending_key;
  };
  std::vector<Open> open_;
  Json result_;
};

} // namespace polar::render
