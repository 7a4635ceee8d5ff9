#include "binary/lazy_decode.h"

#include <optional>
#include <set>
#include <utility>

#include "binary/cbor.h"
#include "binary/decode.h"
#include "binary/detail/labels.h"

namespace polar::dhall {
namespace {

using binary_label::Expression;

ExprPtr deferred_decode(const SharedBytes& bytes, std::size_t offset, std::size_t size,
                        const References& references) {
  SharedBytes field = bytes.subrange(offset, size);
  return make_deferred_expr(
      [field, references] { return decode_deferring_record_types(field, references); },
      field.owner(), field.span());
}

ExprPtr record_from_layout(const SharedBytes& bytes, const RecordLayout& layout,
                           const References& references) {
  FieldMap fields;
  for (const auto& field : layout.fields) {
    if (field.offset > bytes.size() || field.size > bytes.size() - field.offset) {
      throw Error(ErrorKind::decode, "a field's extent in the record layout exceeds the entry");
    }
    if (!fields.emplace(field.name, deferred_decode(bytes, field.offset, field.size, references))
             .second) {
      throw Error(ErrorKind::decode, "the record layout repeats a field");
    }
  }
  if (layout.is_type) {
    return make_expr(RecordType{std::move(fields)});
  }
  return make_expr(RecordLit{std::move(fields)});
}

} // namespace

std::optional<RecordLayout> record_layout(std::span<const std::uint8_t> bytes) {
  try {
    cbor::Reader in(bytes);
    if (in.peek().major != cbor::Major::array || in.array("an expression") != 2 ||
        in.peek().major != cbor::Major::unsigned_integer) {
      return std::nullopt;
    }
    auto kind = static_cast<Expression>(in.expect(cbor::Major::unsigned_integer, "a label"));
    if (kind != Expression::record_type && kind != Expression::record_literal) {
      return std::nullopt;
    }
    RecordLayout layout;
    layout.is_type = kind == Expression::record_type;
    std::uint64_t size = in.map("fields");
    std::set<Label> names;
    for (std::uint64_t i = 0; i < size; ++i) {
      Label name(in.text_view("a field name"));
      auto item = in.next_item();
      in.skip(item);
      if (!names.insert(name).second) {
        return std::nullopt; // repeated
      }
      layout.fields.push_back(
          {name, static_cast<std::size_t>(item.data() - bytes.data()), item.size()});
    }
    if (!in.at_end()) {
      return std::nullopt;
    }
    return layout;
  } catch (const Error&) {
    return std::nullopt; // malformed: decoding it eagerly says where and how
  }
}

ExprPtr decode_lazily(const SharedBytes& bytes) {
  auto layout = record_layout(bytes.span());
  if (!layout) {
    return decode(bytes.span());
  }
  return record_from_layout(bytes, *layout, nullptr);
}

ExprPtr decode_lazily(const SharedBytes& bytes, const RecordLayout& layout, References references) {
  return record_from_layout(bytes, layout, references);
}

} // namespace polar::dhall
