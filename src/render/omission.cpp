#include "render/omission.h"

namespace polar::render {

void OmissionFilter::release() {
  for (Held& held : held_) {
    switch (held.kind) {
    case Held::Kind::key:
      next_.key(held.key);
      break;
    case Held::Kind::array:
      next_.begin_array();
      break;
    case Held::Kind::object:
      next_.begin_object();
      break;
    }
  }
  held_.clear();
}

void OmissionFilter::drop_value() {
  if (!held_.empty() && held_.back().kind == Held::Kind::key) {
    held_.pop_back(); // the field goes
  } else if (depth_ == 0) {
    release();
    next_.null(); // the document itself
  } else if (omission_ != Omission::empty) {
    release();
    next_.null(); // an item of an array stays
  }
  // --omit-empty drops it from its array.
}

void OmissionFilter::null() {
  if (omission_ == Omission::none) {
    next_.null();
    return;
  }
  drop_value();
}

void OmissionFilter::boolean(bool value) {
  release();
  next_.boolean(value);
}

void OmissionFilter::number(const JsonNumber& value) {
  release();
  next_.number(value);
}

void OmissionFilter::string(std::string_view value) {
  release();
  next_.string(value);
}

void OmissionFilter::begin_array() {
  ++depth_;
  if (omission_ == Omission::empty) {
    held_.push_back({Held::Kind::array, {}});
    return;
  }
  release();
  next_.begin_array();
}

void OmissionFilter::begin_object() {
  ++depth_;
  if (omission_ == Omission::empty) {
    held_.push_back({Held::Kind::object, {}});
    return;
  }
  release();
  next_.begin_object();
}

void OmissionFilter::key(std::string_view key) {
  if (omission_ == Omission::none) {
    next_.key(key);
    return;
  }
  held_.push_back({Held::Kind::key, std::string(key)});
}

void OmissionFilter::end_array() {
  end_collection(Held::Kind::array);
}

void OmissionFilter::end_object() {
  end_collection(Held::Kind::object);
}

void OmissionFilter::end_collection(Held::Kind kind) {
  --depth_;
  if (!held_.empty() && held_.back().kind == kind) {
    // Still held: nothing in it stayed, so it is null (--omit-empty only).
    held_.pop_back();
    drop_value();
    return;
  }
  if (kind == Held::Kind::array) {
    next_.end_array();
  } else {
    next_.end_object();
  }
}

Json apply_omission(Json value, Omission omission) {
  JsonBuilder builder;
  OmissionFilter filter(omission, builder);
  emit_json(value, filter);
  return builder.take();
}

} // namespace polar::render
