// Record and union eliminators: field selection, projection, `with`,
// `merge`, `toMap` and `showConstructor` (standard/beta-normalization.md,
// Records, Unions and `with` expressions).
#include <algorithm>
#include <utility>

#include "semantics/detail/eval_internal.h"
#include "semantics/eval.h"

namespace polar::dhall::detail {
namespace {

// The field `name` of a record literal value, or null.
ValuePtr literal_field(const ValuePtr& record, Label name) {
  const auto* literal = record->as<VRecordLit>();
  if (literal == nullptr) {
    return nullptr;
  }
  auto found = literal->fields.find(name);
  return found != literal->fields.end() ? found->second.force() : nullptr;
}

ValuePtr stuck_field(ValuePtr record, Label name) {
  return make_value(VField{std::move(record), name});
}

ValuePtr singleton_record(Label name, ValuePtr value) {
  return make_value(VRecordLit{{{name, std::move(value)}}});
}

// `(l ⫽ r).x` or `(l ∧ r).x` where one side is a record literal.
ValuePtr select_from_operator(const ValuePtr& record, const VOp& op, Label name) {
  const bool left_literal = op.lhs->is<VRecordLit>();
  const bool right_literal = op.rhs->is<VRecordLit>();
  if (op.op == Op::prefer) {
    if (left_literal) {
      if (auto value = literal_field(op.lhs, name)) {
        // Keep only the selected field of the literal side.
        return stuck_field(make_value(VOp{Op::prefer, singleton_record(name, value), op.rhs}),
                           name);
      }
      return select_field(op.rhs, name);
    }
    if (right_literal) {
      if (auto value = literal_field(op.rhs, name)) {
        return value;
      }
      return select_field(op.lhs, name);
    }
  }
  if (op.op == Op::combine) {
    if (left_literal) {
      if (auto value = literal_field(op.lhs, name)) {
        return stuck_field(make_value(VOp{Op::combine, singleton_record(name, value), op.rhs}),
                           name);
      }
      return select_field(op.rhs, name);
    }
    if (right_literal) {
      if (auto value = literal_field(op.rhs, name)) {
        return stuck_field(make_value(VOp{Op::combine, op.lhs, singleton_record(name, value)}),
                           name);
      }
      return select_field(op.lhs, name);
    }
  }
  return stuck_field(record, name);
}

ValuePtr text_of(Label label) {
  return make_text(label.str());
}

bool is_none(const ValuePtr& value) {
  const auto* builtin = value->as<VBuiltin>();
  return builtin != nullptr && builtin->builtin == Builtin::none && builtin->args.size() == 1;
}

// The alternative name of a union value (or Some/None), or null.
const Label* constructor_name(const ValuePtr& value) {
  static const Label some_label("Some");
  static const Label none_label("None");
  if (const auto* inject = value->as<VInject>()) {
    return &inject->tag;
  }
  if (value->is<VSome>()) {
    return &some_label;
  }
  if (is_none(value)) {
    return &none_label;
  }
  return nullptr;
}

} // namespace

ValuePtr select_field(const ValuePtr& record, Label name) {
  if (const auto* literal = record->as<VRecordLit>()) {
    auto found = literal->fields.find(name);
    if (found == literal->fields.end()) {
      throw Error(ErrorKind::type, "record has no field `" + name.str() + "`");
    }
    return found->second.force();
  }
  if (const auto* union_type = record->as<VUnionType>()) {
    auto found = union_type->alternatives.find(name);
    if (found != union_type->alternatives.end() && found->second == nullptr) {
      return make_value(VInject{record, name, nullptr});
    }
    return stuck_field(record, name); // a constructor awaiting its payload
  }
  if (const auto* projection = record->as<VProject>()) {
    return select_field(projection->record, name);
  }
  if (const auto* op = record->as<VOp>()) {
    return select_from_operator(record, *op, name);
  }
  return stuck_field(record, name);
}

ValuePtr project(const ValuePtr& record, std::vector<Label> labels) {
  std::sort(labels.begin(), labels.end());
  labels.erase(std::unique(labels.begin(), labels.end()), labels.end());
  if (labels.empty()) {
    return make_value(VRecordLit{});
  }
  if (const auto* literal = record->as<VRecordLit>()) {
    LazyFieldMap fields;
    for (auto label : labels) {
      auto found = literal->fields.find(label);
      if (found == literal->fields.end()) {
        throw Error(ErrorKind::type, "record has no field `" + label.str() + "`");
      }
      fields.emplace_hint(fields.end(), label, found->second);
    }
    return make_value(VRecordLit{std::move(fields)});
  }
  if (const auto* inner = record->as<VProject>()) {
    return project(inner->record, std::move(labels));
  }
  if (const auto* op = record->as<VOp>(); op != nullptr && op->op == Op::prefer) {
    if (const auto* right = op->rhs->as<VRecordLit>()) {
      // (l ⫽ r).{xs} = l.{xs \ keys r} ⫽ r.{xs ∩ keys r}
      std::vector<Label> from_left;
      std::vector<Label> from_right;
      for (auto label : labels) {
        (right->fields.contains(label) ? from_right : from_left).push_back(label);
      }
      return prefer(project(op->lhs, std::move(from_left)),
                    project(op->rhs, std::move(from_right)));
    }
  }
  return make_value(VProject{record, std::move(labels)});
}

ValuePtr project_by_type(const ValuePtr& record, const ValuePtr& type) {
  const auto* record_type = type->as<VRecordType>();
  if (record_type == nullptr) {
    throw Error(ErrorKind::type, "projection by a type that is not a record type");
  }
  std::vector<Label> labels;
  labels.reserve(record_type->fields.size());
  for (const auto& entry : record_type->fields) {
    labels.push_back(entry.first);
  }
  return project(record, std::move(labels));
}

ValuePtr update_with(const ValuePtr& record, std::span<const WithStep> path,
                     const ValuePtr& value) {
  const auto& step = path.front();
  auto rest = path.subspan(1);
  if (step.descend_optional) {
    if (const auto* some = record->as<VSome>()) {
      return make_value(VSome{rest.empty() ? value : update_with(some->value, rest, value)});
    }
    if (is_none(record)) {
      return record; // nothing to update
    }
  } else if (const auto* literal = record->as<VRecordLit>()) {
    auto fields = literal->fields;
    if (rest.empty()) {
      fields.insert_or_assign(step.field, value);
    } else {
      auto found = fields.find(step.field);
      auto inner = found != fields.end() ? found->second.force() : make_value(VRecordLit{});
      fields.insert_or_assign(step.field, update_with(inner, rest, value));
    }
    return make_value(VRecordLit{std::move(fields)});
  }
  return make_value(VWith{record, std::vector<WithStep>(path.begin(), path.end()), value});
}

ValuePtr merge(const ValuePtr& handlers, const ValuePtr& union_value, const ValuePtr& type) {
  if (handlers->is<VRecordLit>()) {
    if (const auto* name = constructor_name(union_value)) {
      if (auto handler = literal_field(handlers, *name)) {
        if (const auto* inject = union_value->as<VInject>()) {
          return inject->payload ? dhall::apply(handler, inject->payload) : handler;
        }
        if (const auto* some = union_value->as<VSome>()) {
          return dhall::apply(handler, some->value);
        }
        return handler; // None
      }
    }
  }
  return make_value(VMerge{handlers, union_value, type});
}

ValuePtr to_map(const ValuePtr& record, const ValuePtr& type) {
  if (const auto* literal = record->as<VRecordLit>()) {
    if (literal->fields.empty() && type != nullptr) {
      return make_value(VList{type, {}});
    }
    if (!literal->fields.empty()) {
      static const Label key_label("mapKey");
      static const Label value_label("mapValue");
      std::vector<ValuePtr> entries;
      entries.reserve(literal->fields.size());
      for (const auto& [label, value] : literal->fields) {
        entries.push_back(
            make_value(VRecordLit{{{key_label, text_of(label)}, {value_label, value}}}));
      }
      return make_value(VList{nullptr, std::move(entries)});
    }
  }
  return make_value(VToMap{record, type});
}

ValuePtr show_constructor(const ValuePtr& value) {
  if (const auto* name = constructor_name(value)) {
    return text_of(*name);
  }
  return make_value(VShowConstructor{value});
}

} // namespace polar::dhall::detail
