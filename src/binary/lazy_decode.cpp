#include "binary/lazy_decode.h"

#include <optional>
#include <utility>

#include "binary/cbor.h"
#include "binary/decode.h"
#include "binary/labels.h"

namespace polar::dhall {
namespace {

using binary_label::Expression;

ExprPtr deferred_decode(const SharedBytes& bytes, std::span<const std::uint8_t> item) {
  auto offset = static_cast<std::size_t>(item.data() - bytes.span().data());
  return make_deferred_expr(
      [field = bytes.subrange(offset, item.size())] { return decode(field.span()); });
}

// The fields of `[7, {…}]` or `[8, {…}]`, each deferred; nullopt when the
// bytes are anything else or repeat a field, which the eager decoder then
// reports.
std::optional<Node> deferred_record(const SharedBytes& bytes) {
  cbor::Reader in(bytes.span());
  if (in.peek().major != cbor::Major::array || in.array("an expression") != 2 ||
      in.peek().major != cbor::Major::unsigned_integer) {
    return std::nullopt;
  }
  auto kind = static_cast<Expression>(in.expect(cbor::Major::unsigned_integer, "a label"));
  if (kind != Expression::record_type && kind != Expression::record_literal) {
    return std::nullopt;
  }
  std::uint64_t size = in.map("fields");
  FieldMap fields;
  for (std::uint64_t i = 0; i < size; ++i) {
    Label name(in.text_view("a field name"));
    auto item = in.next_item();
    in.skip(item);
    if (!fields.emplace(name, deferred_decode(bytes, item)).second) {
      return std::nullopt; // repeated
    }
  }
  if (!in.at_end()) {
    return std::nullopt;
  }
  if (kind == Expression::record_type) {
    return RecordType{std::move(fields)};
  }
  return RecordLit{std::move(fields)};
}

} // namespace

ExprPtr decode_lazily(const SharedBytes& bytes) {
  std::optional<Node> record;
  try {
    record = deferred_record(bytes);
  } catch (const Error&) {
    // Malformed: decoding it eagerly says where and how.
  }
  if (!record) {
    return decode(bytes.span());
  }
  return make_expr(std::move(*record));
}

} // namespace polar::dhall
