#include "schema/yaml_reading.h"

#include <fmt/core.h>
#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <map>
#include <utility>
#include <vector>

#include "render/conversion.h"
#include "render/json_path.h"
#include "render/omission.h"
#include "schema/detail/core_scalar.h"
#include "schema/detail/temporal_text.h"
#include "schema/detail/type_shapes.h"
#include "semantics/eval.h"
#include "syntax/printer.h"

namespace polar::schema {

using dhall::Error;
using dhall::ErrorKind;
using dhall::ExprPtr;
using dhall::Label;
using dhall::make_expr;
using dhall::Value;
using dhall::ValuePtr;

struct YamlStream::Documents {
  dhall::SourcePtr file;
  std::vector<YAML::Node> nodes;
};

namespace {

dhall::Span span_at(const dhall::SourcePtr& file, const YAML::Mark& mark) {
  auto size = static_cast<std::uint32_t>(file->text.size());
  auto begin = mark.pos < 0 ? 0U : std::min(static_cast<std::uint32_t>(mark.pos), size);
  return dhall::Span{file, begin, std::min(begin + 1, size)};
}

std::string describe(const YAML::Node& node, const std::optional<CoreScalar>& scalar) {
  switch (node.Type()) {
  case YAML::NodeType::Map:
    return "a mapping";
  case YAML::NodeType::Sequence:
    return "a sequence";
  case YAML::NodeType::Scalar:
    break;
  default:
    return "null";
  }
  if (!scalar) {
    return fmt::format("a scalar tagged {}", node.Tag());
  }
  switch (scalar->kind) {
  case ScalarKind::null:
    return "null";
  case ScalarKind::boolean:
    return "a boolean";
  case ScalarKind::integer:
  case ScalarKind::floating:
    return "a number";
  case ScalarKind::string:
    break;
  }
  return "a string";
}

bool is_null(const YAML::Node& node) {
  if (node.IsNull()) {
    return true;
  }
  if (!node.IsScalar()) {
    return false;
  }
  auto scalar = resolve_scalar(node.Tag(), node.Scalar());
  return scalar && scalar->kind == ScalarKind::null;
}

ExprPtr text_literal(std::string text) {
  return make_expr(dhall::TextLit{{}, std::move(text)});
}

ExprPtr field(ExprPtr record, std::string_view name) {
  return make_expr(dhall::Field{std::move(record), Label(name)});
}

ExprPtr apply(ExprPtr function, ExprPtr argument) {
  return make_expr(dhall::App{std::move(function), std::move(argument)});
}

// Reads one document against a type; builds Dhall syntax when given names
// (to_dhall), only checks otherwise.
class Reader {
public:
  Reader(dhall::SourcePtr file, const TypeNames* names) : file_(std::move(file)), names_(names) {}

  ExprPtr read(const YAML::Node& node, const ValuePtr& type) {
    const Value& value = *type;
    if (is_json_type(value)) {
      return json_value(node);
    }
    if (const auto* builtin = value.as<dhall::VBuiltin>()) {
      return read_builtin(node, type, *builtin);
    }
    if (const auto* record = value.as<dhall::VRecordType>()) {
      // dhall-to-json writes a combined temporal literal as one string.
      if (is_temporal_record_type(*record) && !node.IsMap()) {
        return read_temporal(node, type);
      }
      return read_record(node, type, *record);
    }
    if (const auto* union_type = value.as<dhall::VUnionType>()) {
      return read_union(node, type, *union_type);
    }
    fail(node, "its Dhall type has no YAML form (a function or a type of types)");
  }

  // The type as Dhall syntax, by name where the names know it.
  ExprPtr type_expr(const ValuePtr& type) const {
    if (ExprPtr name = names_ ? names_->name_of(type) : nullptr) {
      return name;
    }
    if (const auto* builtin = type->as<dhall::VBuiltin>()) {
      ExprPtr result = make_expr(dhall::BuiltinRef{builtin->builtin});
      for (const ValuePtr& argument : builtin->args) {
        result = apply(result, type_expr(argument));
      }
      return result;
    }
    if (const auto* record = type->as<dhall::VRecordType>()) {
      dhall::FieldMap fields;
      for (const auto& [label, field_type] : record->fields) {
        fields.emplace(label, type_expr(field_type.force()));
      }
      return make_expr(dhall::RecordType{std::move(fields)});
    }
    if (const auto* union_type = type->as<dhall::VUnionType>()) {
      dhall::FieldMap alternatives;
      for (const auto& [label, payload] : union_type->alternatives) {
        alternatives.emplace(label, payload ? type_expr(payload) : nullptr);
      }
      return make_expr(dhall::UnionType{std::move(alternatives)});
    }
    return dhall::quote(type);
  }

private:
  bool building() const { return names_ != nullptr; }

  std::optional<CoreScalar> scalar_of(const YAML::Node& node) const {
    if (node.IsNull()) {
      return CoreScalar(ScalarKind::null);
    }
    return node.IsScalar() ? resolve_scalar(node.Tag(), node.Scalar()) : std::nullopt;
  }

  // The scalar of `kind` in `node`, or a failure saying what was expected.
  CoreScalar expect(const YAML::Node& node, std::initializer_list<ScalarKind> kinds,
                    std::string_view expected) {
    std::optional<CoreScalar> scalar = scalar_of(node);
    if (scalar && std::find(kinds.begin(), kinds.end(), scalar->kind) != kinds.end()) {
      return *scalar;
    }
    fail(node, fmt::format("expected {}, found {}", expected, describe(node, scalar)));
  }

  // A Date, Time, TimeZone or temporal record from its RFC 3339 string.
  ExprPtr read_temporal(const YAML::Node& node, const ValuePtr& type) {
    static constexpr std::string_view forms =
        "an RFC 3339 string as dhall-to-json writes it (2020-01-01, 12:30:00, +01:00, "
        "2020-01-01T12:30:00+01:00, 2020-01-01T12:30:00 or 12:30:00+01:00)";
    CoreScalar scalar = expect(node, {ScalarKind::string}, forms);
    ExprPtr literal = temporal_literal(scalar.text, *type);
    if (literal == nullptr) {
      fail(node, fmt::format("expected {} of type `{}`, found a string of another form", forms,
                             dhall::print(*type_expr(type))));
    }
    return building() ? literal : nullptr;
  }

  ExprPtr read_builtin(const YAML::Node& node, const ValuePtr& type,
                       const dhall::VBuiltin& builtin) {
    using dhall::Builtin;
    switch (builtin.builtin) {
    case Builtin::date:
    case Builtin::time:
    case Builtin::time_zone:
      return read_temporal(node, type);
    case Builtin::bool_: {
      CoreScalar scalar = expect(node, {ScalarKind::boolean}, "a boolean (Bool)");
      return make_expr(dhall::BoolLit{scalar.boolean});
    }
    case Builtin::natural: {
      CoreScalar scalar = expect(node, {ScalarKind::integer}, "a non-negative integer (Natural)");
      if (scalar.integer.negative()) {
        fail(node, "expected a non-negative integer (Natural), found a negative one");
      }
      return make_expr(dhall::NaturalLit{scalar.integer.magnitude()});
    }
    case Builtin::integer: {
      CoreScalar scalar = expect(node, {ScalarKind::integer}, "an integer (Integer)");
      return make_expr(dhall::IntegerLit{scalar.integer});
    }
    case Builtin::double_: {
      CoreScalar scalar =
          expect(node, {ScalarKind::integer, ScalarKind::floating}, "a number (Double)");
      return make_expr(dhall::DoubleLit{scalar.floating});
    }
    case Builtin::text: {
      CoreScalar scalar = expect(node, {ScalarKind::string}, "a string (Text)");
      return text_literal(std::move(scalar.text));
    }
    case Builtin::optional:
      if (builtin.args.size() == 1) {
        if (is_null(node)) {
          return none(builtin.args[0]);
        }
        ExprPtr value = read(node, builtin.args[0]);
        return building() ? make_expr(dhall::Some{value}) : nullptr;
      }
      break;
    case Builtin::list:
      if (builtin.args.size() == 1) {
        if (auto entry = map_entry_type(*builtin.args[0])) {
          return read_map(node, builtin.args[0], *entry);
        }
        return read_list(node, builtin.args[0]);
      }
      break;
    default:
      break;
    }
    fail(node, fmt::format("its Dhall type `{}` cannot be read from YAML",
                           dhall::builtin_name(builtin.builtin)));
  }

  ExprPtr none(const ValuePtr& type) const {
    return building() ? apply(make_expr(dhall::BuiltinRef{dhall::Builtin::none}), type_expr(type))
                      : nullptr;
  }

  ExprPtr empty_list(const ValuePtr& element) const {
    if (!building()) {
      return nullptr;
    }
    ExprPtr list_type =
        apply(make_expr(dhall::BuiltinRef{dhall::Builtin::list}), type_expr(element));
    return make_expr(dhall::ListLit{list_type, {}});
  }

  ExprPtr read_list(const YAML::Node& node, const ValuePtr& element) {
    if (!node.IsSequence()) {
      fail(node,
           fmt::format("expected a sequence (List), found {}", describe(node, scalar_of(node))));
    }
    std::vector<ExprPtr> items;
    std::size_t index = 0;
    for (const YAML::Node& item : node) {
      path_.push_index(index++);
      items.push_back(read(item, element));
      path_.pop();
    }
    if (items.empty()) {
      return empty_list(element);
    }
    return building() ? make_expr(dhall::ListLit{nullptr, std::move(items)}) : nullptr;
  }

  // The entries of a mapping, keys checked to be distinct strings.
  std::vector<std::pair<YAML::Node, YAML::Node>> entries(const YAML::Node& node,
                                                         std::string_view expected) {
    if (!node.IsMap()) {
      fail(node, fmt::format("expected {}, found {}", expected, describe(node, scalar_of(node))));
    }
    std::vector<std::pair<YAML::Node, YAML::Node>> result;
    std::map<std::string, bool> seen;
    for (const auto& pair : node) {
      if (!pair.first.IsScalar()) {
        fail(pair.first, "expected a string key, found a collection");
      }
      if (!seen.emplace(pair.first.Scalar(), true).second) {
        fail(pair.first, fmt::format("duplicate key `{}`", pair.first.Scalar()));
      }
      result.emplace_back(pair.first, pair.second);
    }
    return result;
  }

  ExprPtr read_map(const YAML::Node& node, const ValuePtr& element, const MapEntryType& entry) {
    bool text_keys = dhall::is_builtin_type(*entry.key, dhall::Builtin::text);
    dhall::FieldMap record; // for toMap
    std::vector<ExprPtr> items;
    bool readable = text_keys;
    for (const auto& [key, value] : entries(node, "a mapping (Prelude.Map)")) {
      const std::string& name = key.Scalar();
      path_.push_key(name);
      ExprPtr key_expr = text_keys ? text_literal(name) : read(key, entry.key);
      ExprPtr value_expr = read(value, entry.value);
      path_.pop();
      if (!building()) {
        continue;
      }
      readable = readable && !name.empty();
      record.emplace(Label(name), value_expr);
      items.push_back(make_expr(
          dhall::RecordLit{{{Label("mapKey"), key_expr}, {Label("mapValue"), value_expr}}}));
    }
    if (!building()) {
      return nullptr;
    }
    if (items.empty()) {
      return empty_list(element);
    }
    if (readable) { // `toMap { app = "web" }` rather than a list of entries
      return make_expr(dhall::ToMap{make_expr(dhall::RecordLit{std::move(record)}), nullptr});
    }
    return make_expr(dhall::ListLit{nullptr, std::move(items)});
  }

  ExprPtr read_record(const YAML::Node& node, const ValuePtr& type,
                      const dhall::VRecordType& record) {
    auto fields = entries(node, "a mapping (a record)");
    std::optional<TypeNames::Schema> schema = names_ ? names_->schema_of(type) : std::nullopt;
    const auto* defaults = schema ? schema->defaults->as<dhall::VRecordLit>() : nullptr;
    for (const auto& [key, value] : fields) {
      if (!record.fields.contains(Label(key.Scalar()))) {
        std::vector<std::string> known;
        for (const auto& [label, field_type] : record.fields) {
          known.push_back(label.str());
        }
        fail(key, fmt::format("unknown field `{}` (the record has {})", key.Scalar(),
                              fmt::join(known, ", ")));
      }
    }
    dhall::FieldMap result;
    for (const auto& [label, field_type_lazy] : record.fields) {
      const ValuePtr& field_type = field_type_lazy.force();
      // An init-capture: clang before 16 cannot capture a structured binding.
      auto found = std::find_if(fields.begin(), fields.end(), [&name = label](const auto& entry) {
        return entry.first.Scalar() == name.str();
      });
      const dhall::LazyValue* default_value = nullptr;
      if (defaults) {
        auto in_defaults = defaults->fields.find(label);
        default_value = in_defaults == defaults->fields.end() ? nullptr : &in_defaults->second;
      }
      // A null is an absent Optional, but a value of Prelude.JSON.Type (json.null).
      bool absent = found == fields.end() || (is_null(found->second) && !is_json_type(*field_type));
      if (absent && !dhall::optional_element_type(*field_type)) {
        fail(found == fields.end() ? node : found->second,
             fmt::format("missing field `{}`", label.str()));
      }
      ExprPtr value;
      if (found == fields.end()) {
        value = none(dhall::optional_element_type(*field_type));
      } else {
        path_.push_key(label.str());
        value = read(found->second, field_type);
        path_.pop();
      }
      if (!building()) {
        continue;
      }
      if (default_value &&
          same_data(found == fields.end() ? YAML::Node() : found->second, default_value->force())) {
        continue; // the default says it
      }
      result.emplace(label, value);
    }
    if (!building()) {
      return nullptr;
    }
    ExprPtr literal = make_expr(dhall::RecordLit{std::move(result)});
    if (!schema) {
      return literal;
    }
    return make_expr(dhall::BinOp{dhall::Op::record_completion, schema->reference, literal});
  }

  // Whether the YAML (null when absent) renders as the default does.
  bool same_data(const YAML::Node& node, const ValuePtr& default_value) const {
    try {
      render::Json rendered = render::apply_omission(render::dhall_to_json(default_value),
                                                     render::Omission::null_fields);
      return json_of(node) == rendered;
    } catch (const Error&) {
      return false; // a default with no JSON form: keep the field
    }
  }

  render::Json json_of(const YAML::Node& node) const {
    if (node.IsMap()) {
      render::JsonObject object;
      for (const auto& pair : node) {
        render::Json value = json_of(pair.second);
        if (!value.is_null()) {
          object.insert_or_assign(pair.first.Scalar(), std::move(value));
        }
      }
      return render::Json::object(std::move(object));
    }
    if (node.IsSequence()) {
      render::JsonArray items;
      for (const YAML::Node& item : node) {
        items.push_back(json_of(item));
      }
      return render::Json::array(std::move(items));
    }
    std::optional<CoreScalar> scalar = node.IsDefined() ? scalar_of(node) : std::nullopt;
    if (!scalar || scalar->kind == ScalarKind::null) {
      return render::Json::null();
    }
    switch (scalar->kind) {
    case ScalarKind::boolean:
      return render::Json::boolean(scalar->boolean);
    case ScalarKind::integer:
      return render::Json::number(render::JsonNumber::from_integer(scalar->integer));
    case ScalarKind::floating:
      if (std::isfinite(scalar->floating)) {
        return render::Json::number(render::JsonNumber::from_double(scalar->floating));
      }
      return render::Json::string(scalar->text);
    default:
      return render::Json::string(scalar->text);
    }
  }

  ExprPtr read_union(const YAML::Node& node, const ValuePtr& type,
                     const dhall::VUnionType& union_type) {
    std::optional<CoreScalar> scalar = scalar_of(node);
    if (scalar && scalar->kind == ScalarKind::string) {
      auto alternative = union_type.alternatives.find(Label(scalar->text));
      if (alternative != union_type.alternatives.end() && alternative->second == nullptr) {
        return building() ? field(type_expr(type), scalar->text) : nullptr;
      }
    }
    // As yaml-to-dhall: the first alternative (in label order) it fits.
    std::vector<std::string> names;
    for (const auto& [label, payload] : union_type.alternatives) {
      names.push_back(label.str());
      if (payload == nullptr) {
        continue;
      }
      try {
        render::JsonPath saved = path_;
        ExprPtr value = read(node, payload);
        path_ = saved;
        return building() ? apply(field(type_expr(type), label.str()), value) : nullptr;
      } catch (const Error&) {
      }
    }
    fail(node, fmt::format("fits no alternative of the union <{}>, found {}",
                           fmt::join(names, " | "), describe(node, scalar)));
  }

  // A Prelude.JSON.Type value: anything goes.
  ExprPtr json_value(const YAML::Node& node) {
    if (building()) {
      fail(node, "importing a Prelude.JSON.Type value is not supported");
    }
    return nullptr;
  }

  [[noreturn]] void fail(const YAML::Node& node, const std::string& problem) const {
    throw Error(ErrorKind::type, fmt::format("{}: {}", path_.to_string(), problem),
                span_at(file_, node.Mark()));
  }

  dhall::SourcePtr file_;
  const TypeNames* names_;
  render::JsonPath path_;
};

} // namespace

YamlStream::YamlStream(dhall::SourcePtr file) {
  auto documents = std::make_shared<Documents>();
  documents->file = file;
  try {
    documents->nodes = YAML::LoadAll(file->text);
  } catch (const YAML::Exception& error) {
    // yaml-cpp appends the offending text to a few messages (": <char>").
    std::string message = error.msg.substr(0, error.msg.find(": "));
    throw Error(ErrorKind::parse, "invalid YAML: " + message, span_at(file, error.mark));
  }
  documents_ = std::move(documents);
}

std::size_t YamlStream::size() const {
  return documents_->nodes.size();
}

bool YamlStream::is_empty(std::size_t index) const {
  return documents_->nodes.at(index).IsNull();
}

std::optional<std::string> YamlStream::top_level_string(std::size_t index,
                                                        std::string_view key) const {
  const YAML::Node& node = documents_->nodes.at(index);
  if (!node.IsMap()) {
    return std::nullopt;
  }
  for (const auto& pair : node) {
    if (pair.first.IsScalar() && pair.first.Scalar() == key && pair.second.IsScalar()) {
      return pair.second.Scalar();
    }
  }
  return std::nullopt;
}

dhall::Span YamlStream::document_span(std::size_t index) const {
  return span_at(documents_->file, documents_->nodes.at(index).Mark());
}

void YamlStream::check(std::size_t index, const ValuePtr& type) const {
  Reader(documents_->file, nullptr).read(documents_->nodes.at(index), type);
}

ExprPtr YamlStream::to_dhall(std::size_t index, const ValuePtr& type,
                             const TypeNames& names) const {
  return Reader(documents_->file, &names).read(documents_->nodes.at(index), type);
}

} // namespace polar::schema
